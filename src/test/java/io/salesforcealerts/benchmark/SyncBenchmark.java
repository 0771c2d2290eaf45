package io.salesforcealerts.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;

/**
 * Syncs a simulated org of N users (no network delay) into a fresh H2 database through the real
 * runtime and prints wall time, users per second and peak heap, for a first sync and a later one. Not a test: run it with
 * {@code mvn -B -Pbenchmark verify} (options: -Dbenchmark.users=200000 -Dbenchmark.heap=256m).
 */
public final class SyncBenchmark {

    private static final AtomicLong LIVE_HEAP_PEAK = new AtomicLong();

    public static void main(String[] args) throws Exception {
        watchLiveHeap();
        int users = Integer.getInteger("benchmark.users", 200_000);
        int runs = Integer.getInteger("benchmark.runs", 2);
        Path dataDir = Files.createTempDirectory("sync-benchmark");
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(42L, users))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                System.gc();
                long heapAtStart = usedHeap();
                LIVE_HEAP_PEAK.set(0);
                for (int run = 1; run <= runs; run++) {
                    if (run > 1) {
                        // a later sync: one user in ten has logged in since
                        for (int i = 0; i < users; i += 10) {
                            simulator.org().setLastLogin(i, java.time.Instant.now());
                        }
                    }
                    long start = System.nanoTime();
                    HttpResponse<String> response = runtime.post("/api/sync");
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("sync failed: " + response.body());
                    }
                    long stored = runtime.count("SELECT COUNT(*) FROM sf_user");
                    // later syncs are INCREMENTAL (sync.users.*): they fetch the changed users only
                    com.fasterxml.jackson.databind.JsonNode body = RuntimeHarness.json(response);
                    int fetched = body.get("counts").get("User").asInt();
                    System.out.printf("run %d (%s, users %s): %d users fetched in %.2f s = %.0f users/s; %d users stored; "
                            + "peak live heap (after GC) %d MiB%n",
                            run, run == 1 ? "first sync, all users new" : "10% of users changed",
                            body.path("usersMode").asText("?"), fetched, seconds, fetched / seconds, stored,
                            LIVE_HEAP_PEAK.get() >> 20);
                }
                System.gc();
                System.out.printf("max heap %d MiB; heap after GC at start %d MiB, at end %d MiB%n",
                        Runtime.getRuntime().maxMemory() >> 20, heapAtStart >> 20, usedHeap() >> 20);
            }
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Records the heap in use right after each collection: what the sync really keeps alive. */
    private static void watchLiveHeap() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (HEAP_POOLS.contains(pool.getKey())) {
                            used += pool.getValue().getUsed();
                        }
                    }
                    LIVE_HEAP_PEAK.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
    }

    private static final java.util.Set<String> HEAP_POOLS = heapPools();

    private static java.util.Set<String> heapPools() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return names;
    }

}
