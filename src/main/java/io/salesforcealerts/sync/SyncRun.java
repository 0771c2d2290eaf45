package io.salesforcealerts.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of the sync in flight, carried as an exchange property through the sync routes. */
public final class SyncRun {

    public static final String PROPERTY = "syncRun";

    private final long id;
    private final String trigger;
    private final Instant startedAt;
    private volatile String orgId;
    private volatile SyncMode usersMode;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Map<String, Integer> rejected = new LinkedHashMap<>();

    public SyncRun(long id, String trigger, Instant startedAt) {
        this.id = id;
        this.trigger = trigger;
        this.startedAt = startedAt;
    }

    public long id() {
        return id;
    }

    public String trigger() {
        return trigger;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String orgId() {
        return orgId;
    }

    void orgId(String orgId) {
        this.orgId = orgId;
    }

    /** FULL or INCREMENTAL, once the sync-users route has chosen (null before, or for a sync that never got there). */
    public SyncMode usersMode() {
        return usersMode;
    }

    void usersMode(SyncMode mode) {
        this.usersMode = mode;
    }

    public synchronized void addRecords(String object, int records) {
        counts.merge(object, records, Integer::sum);
    }

    public synchronized void addRejected(String object, int records) {
        rejected.merge(object, records, Integer::sum);
    }

    synchronized void skip(String object, String reason) {
        counts.remove(object);
        skipped.put(object, reason);
    }

    public synchronized Map<String, Integer> counts() {
        return new LinkedHashMap<>(counts);
    }

    public synchronized Map<String, String> skipped() {
        return new LinkedHashMap<>(skipped);
    }

    public synchronized Map<String, Integer> rejected() {
        return new LinkedHashMap<>(rejected);
    }
}
