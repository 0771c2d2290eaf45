package io.salesforcealerts.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open query locators. Bounded like Salesforce's per-user cursor limit, so abandoned
 * syncs cannot pin memory; the oldest cursor is dropped first.
 */
final class QueryCursorStore {

    private static final int MAX_OPEN_CURSORS = 100;

    private final AtomicLong sequence = new AtomicLong(1);
    private final Map<String, QueryCursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QueryCursor> eldest) {
            return size() > MAX_OPEN_CURSORS;
        }
    };

    synchronized QueryCursor open(SoqlQuery query, RowSet rows, int batchSize) {
        QueryCursor cursor = new QueryCursor(SalesforceIds.id("01g", sequence.getAndIncrement()), query, rows, batchSize);
        cursors.put(cursor.id(), cursor);
        return cursor;
    }

    /** The cursor, or null when unknown or already evicted. */
    synchronized QueryCursor get(String id) {
        return cursors.get(id);
    }

    synchronized int openCount() {
        return cursors.size();
    }
}
