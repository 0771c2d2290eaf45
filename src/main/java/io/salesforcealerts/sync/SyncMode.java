package io.salesforcealerts.sync;

/** How a sync fetched an object: every record, or only those changed since the watermark (minus the lookback). */
public enum SyncMode {
    FULL, INCREMENTAL
}
