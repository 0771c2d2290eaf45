package io.salesforcealerts.sync;

/** The sync must not go on, and that is no failure: it ends SKIPPED with this reason (e.g. the API budget guard). */
public class SyncSkippedException extends RuntimeException {

    private final SyncError reason;

    public SyncSkippedException(SyncError reason) {
        super(reason.code() + ": " + reason.message());
        this.reason = reason;
    }

    public SyncError reason() {
        return reason;
    }
}
