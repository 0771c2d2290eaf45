package io.salesforcealerts.sync;

/** Thrown by {@link SyncRunService#begin} when another sync holds the single sync permit. */
public class SyncAlreadyRunningException extends RuntimeException {

    private final Long runningSyncId;

    public SyncAlreadyRunningException(Long runningSyncId) {
        super("a sync is already running" + (runningSyncId == null ? "" : " (sync " + runningSyncId + ")"));
        this.runningSyncId = runningSyncId;
    }

    public Long runningSyncId() {
        return runningSyncId;
    }
}
