package io.salesforcealerts.sync;

/**
 * Status of a sync run as stored in {@code sync_run.status}. PARTIAL: succeeded, but some records could
 * not be used (counted in {@code sync_object.rejected_count}); its snapshot becomes the latest like a
 * SUCCESS. SKIPPED: not run, with the reason in {@code error_code}/{@code error_message} (API budget guard).
 */
public enum SyncStatus {
    RUNNING, SUCCESS, PARTIAL, SKIPPED, FAILED, ABORTED;

    /** SUCCESS or PARTIAL: the sync's snapshot is the latest. */
    public boolean published() {
        return this == SUCCESS || this == PARTIAL;
    }
}
