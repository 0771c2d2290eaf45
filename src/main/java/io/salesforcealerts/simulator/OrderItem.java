package io.salesforcealerts.simulator;

/** One ORDER BY key; SOQL's default puts nulls first ascending and last descending. */
public record OrderItem(FieldPath field, boolean descending, boolean nullsFirst) {
}
