package io.salesforcealerts.simulator;

/** A parent relationship such as User.Profile: follows {@code foreignKey} to a {@code targetType} record. */
public record SObjectRelationship(String name, String foreignKey, String targetType) {
}
