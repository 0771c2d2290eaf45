package io.salesforcealerts.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** Request counters, so tests can assert how a client talked to the org (e.g. that it re-logged in). */
public final class SimulatorStats {

    private final AtomicLong tokenRequests = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong queryMores = new AtomicLong();
    private final AtomicLong limitsCalls = new AtomicLong();
    private final AtomicLong revokes = new AtomicLong();
    private final AtomicLong restRequests = new AtomicLong();

    public long tokenRequests() {
        return tokenRequests.get();
    }

    /** First-page query and queryAll requests. */
    public long queryCalls() {
        return queries.get();
    }

    /** nextRecordsUrl requests. */
    public long queryMoreCalls() {
        return queryMores.get();
    }

    public long limitsCalls() {
        return limitsCalls.get();
    }

    public long revokeCalls() {
        return revokes.get();
    }

    /** Every /services/data request, whatever its outcome. */
    public long restCalls() {
        return restRequests.get();
    }

    public void reset() {
        for (AtomicLong c : new AtomicLong[] {tokenRequests, queries, queryMores, limitsCalls, revokes, restRequests}) {
            c.set(0);
        }
    }

    void tokenRequest() {
        tokenRequests.incrementAndGet();
    }

    void query() {
        queries.incrementAndGet();
    }

    void queryMore() {
        queryMores.incrementAndGet();
    }

    void limitsCall() {
        limitsCalls.incrementAndGet();
    }

    void revoke() {
        revokes.incrementAndGet();
    }

    void restRequest() {
        restRequests.incrementAndGet();
    }

    @Override
    public String toString() {
        return "SimulatorStats[token=" + tokenRequests + ", query=" + queries + ", queryMore=" + queryMores
                + ", limits=" + limitsCalls + ", revoke=" + revokes + ", rest=" + restRequests + "]";
    }
}
