package io.salesforcealerts.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * What one evaluation decided, not yet written: alert changes and the notifications they cause.
 * The routes route {@link #getEvents() events} to channels; {@link AlertEvaluator#commit} then writes
 * everything in one transaction.
 */
public final class AlertBatch {

    enum Op { INSERT, UPDATE, DELETE }

    record Change(Op op, StoredAlert alert, AlertEvent event) {
    }

    private final List<Change> changes = new ArrayList<>();

    void add(Op op, StoredAlert alert, AlertEvent event) {
        changes.add(new Change(op, alert, event));
    }

    List<Change> changes() {
        return changes;
    }

    void replace(int index, Change change) {
        changes.set(index, change);
    }

    public List<AlertEvent> getEvents() {
        return changes.stream().filter(c -> c.event() != null).map(Change::event).toList();
    }

    @Override
    public String toString() {
        return changes.size() + " alert changes, " + getEvents().size() + " notifications";
    }
}
