package io.salesforcealerts.simulator;

/** Server-side state behind a nextRecordsUrl: the query's result rows and its page size. */
record QueryCursor(String id, SoqlQuery query, RowSet rows, int batchSize) {
}
