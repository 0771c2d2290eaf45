package io.salesforcealerts.sync;

/** A failure we detect ourselves (Salesforce answered, but not usefully), carrying its diagnosis. */
public class DiagnosedException extends RuntimeException {

    private final SyncError error;

    public DiagnosedException(String code, String message) {
        super(code + ": " + message);
        this.error = SyncError.of(code, message);
    }

    public SyncError error() {
        return error;
    }
}
