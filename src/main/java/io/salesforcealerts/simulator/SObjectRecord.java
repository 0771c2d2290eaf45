package io.salesforcealerts.simulator;

/** Read access to one record's field values by canonical field name (Instant, LocalDate, Integer, Boolean, String or null). */
public interface SObjectRecord {

    String id();

    Object get(String canonicalField);
}
