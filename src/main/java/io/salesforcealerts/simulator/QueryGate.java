package io.salesforcealerts.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocks query requests until released, so a test can keep a sync in flight and observe it
 * deterministically instead of sleeping. Only query/queryMore requests wait here.
 */
public final class QueryGate {

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();

    /** Waits until at least one query request is blocked in the gate; false on timeout. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Number of requests currently blocked. */
    public int heldCount() {
        return held.get();
    }

    /** Lets every blocked and future query through; the gate stays open. */
    public void release() {
        released.countDown();
    }

    public boolean isReleased() {
        return released.getCount() == 0;
    }

    void pass() throws InterruptedException {
        held.incrementAndGet();
        arrived.countDown();
        try {
            released.await();
        } finally {
            held.decrementAndGet();
        }
    }
}
