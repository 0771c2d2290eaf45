package io.salesforcealerts.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Comparison rules of SOQL: case-insensitive strings, 15/18-char id equivalence, numeric widening. */
final class SoqlValues {

    private SoqlValues() {
    }

    /** Compares two non-null values of the same field type. */
    static int compare(FieldType type, Object a, Object b) {
        if (type == FieldType.ID) {
            return SalesforceIds.to15((String) a).compareTo(SalesforceIds.to15((String) b));
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.compareToIgnoreCase(sb);
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return decimal(na).compareTo(decimal(nb));
        }
        if (a instanceof Instant ia && b instanceof Instant ib) {
            return ia.compareTo(ib);
        }
        if (a instanceof LocalDate da && b instanceof LocalDate db) {
            return da.compareTo(db);
        }
        if (a instanceof Boolean ba && b instanceof Boolean bb) {
            return Boolean.compare(ba, bb);
        }
        throw new IllegalArgumentException("cannot compare " + a + " with " + b);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue());
    }
}
