package io.salesforcealerts.simulator;

/** A queryable field; {@code name} is the canonical (API) spelling. */
public record SObjectField(String name, FieldType type) {
}
