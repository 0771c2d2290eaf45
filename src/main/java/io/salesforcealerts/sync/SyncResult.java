package io.salesforcealerts.sync;

import java.time.Instant;
import java.util.Map;

/** The outcome of one call of the sync route; the HTTP and schedule routes turn it into a response or a log line. */
public record SyncResult(SyncStatus status, Long syncId, String orgId, Instant startedAt, Instant finishedAt,
        Map<String, Integer> counts, Map<String, String> skipped, Map<String, Integer> rejected, SyncError error,
        boolean alreadyRunning, SyncMode usersMode) {

    /** How users were fetched, when the User object was: FULL or INCREMENTAL; else null. */
    static SyncMode usersMode(SyncRun run) {
        return run != null && run.counts().containsKey("User") ? run.usersMode() : null;
    }

    /** SUCCESS, or PARTIAL when records were rejected. */
    static SyncResult success(SyncRun run, Instant finishedAt) {
        return new SyncResult(run.rejected().isEmpty() ? SyncStatus.SUCCESS : SyncStatus.PARTIAL, run.id(), run.orgId(),
                run.startedAt(), finishedAt, run.counts(), run.skipped(), run.rejected(), null, false, usersMode(run));
    }

    static SyncResult skipped(SyncRun run, Instant finishedAt, SyncError reason) {
        return new SyncResult(SyncStatus.SKIPPED, run.id(), run.orgId(), run.startedAt(), finishedAt, Map.of(), Map.of(),
                Map.of(), reason, false, null);
    }

    static SyncResult failed(SyncRun run, Instant finishedAt, SyncError error) {
        return new SyncResult(SyncStatus.FAILED, run == null ? null : run.id(), run == null ? null : run.orgId(),
                run == null ? null : run.startedAt(), finishedAt, run == null ? Map.of() : run.counts(),
                run == null ? Map.of() : run.skipped(), run == null ? Map.of() : run.rejected(), error, false,
                usersMode(run));
    }

    static SyncResult running(Long runningSyncId, Instant runningSince) {
        return new SyncResult(SyncStatus.RUNNING, runningSyncId, null, runningSince, null, Map.of(), Map.of(), Map.of(), null, true, null);
    }
}
