package io.salesforcealerts.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rows of one small object. Copy-on-write: readers (request threads) get an immutable
 * snapshot while tests mutate records concurrently.
 */
final class ObjectTable {

    private volatile List<MapRecord> rows = List.of();
    private volatile Map<String, MapRecord> byId15 = Map.of();

    synchronized void add(MapRecord record) {
        List<MapRecord> copy = new ArrayList<>(rows);
        copy.add(record);
        publish(copy);
    }

    List<MapRecord> rows() {
        return rows;
    }

    MapRecord byId(String id) {
        return byId15.get(SalesforceIds.to15(id));
    }

    /** Replaces the first record matching {@code field = value}; returns false when none matches. */
    synchronized boolean update(String field, Object value, UnaryOperator<MapRecord> change) {
        List<MapRecord> copy = new ArrayList<>(rows);
        for (int i = 0; i < copy.size(); i++) {
            if (value.equals(copy.get(i).get(field))) {
                copy.set(i, change.apply(copy.get(i)));
                publish(copy);
                return true;
            }
        }
        return false;
    }

    private void publish(List<MapRecord> copy) {
        Map<String, MapRecord> index = new HashMap<>();
        copy.forEach(r -> index.put(SalesforceIds.to15(r.id()), r));
        byId15 = Map.copyOf(index);
        rows = List.copyOf(copy);
    }
}
