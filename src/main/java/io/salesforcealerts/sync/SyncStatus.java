package io.salesforcealerts.sync;

/** Status of a sync run as stored in {@code sync_run.status}. */
public enum SyncStatus {
    RUNNING, SUCCESS, FAILED, ABORTED
}
