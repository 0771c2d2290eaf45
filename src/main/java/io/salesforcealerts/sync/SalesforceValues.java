package io.salesforcealerts.sync;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads typed values from Salesforce JSON records: dateTimes come as {@code 2026-11-30T08:15:00.000+0000},
 * dates as {@code 2026-12-31}. A value of the wrong type fails with the field's name.
 */
public final class SalesforceValues {

    private static final DateTimeFormatter SALESFORCE_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private SalesforceValues() {
    }

    public static String text(JsonNode record, String field) {
        JsonNode v = record.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static String requiredText(JsonNode record, String field) {
        String v = text(record, field);
        if (v == null || v.isBlank()) {
            throw new InvalidRecordException(field, "is missing");
        }
        return v;
    }

    public static Integer integer(JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) <= Integer.MAX_VALUE) {
            return (int) v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.asText().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new InvalidRecordException(field, "is not a whole number: " + abbreviate(v.toString()));
    }

    public static Long wholeNumber(JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        throw new InvalidRecordException(field, "is not a whole number: " + abbreviate(v.toString()));
    }

    public static Boolean bool(JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        throw new InvalidRecordException(field, "is not a boolean: " + abbreviate(v.toString()));
    }

    /** A dateTime, or a date taken as midnight UTC. */
    public static Instant instant(JsonNode record, String field) {
        String v = text(record, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v, SALESFORCE_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field, "is not a Salesforce date or dateTime: " + abbreviate(v));
        }
    }

    /** Follows a relationship path such as {@code Profile.UserLicense.Name}; null when any link is null. */
    public static String path(JsonNode record, String dottedPath) {
        JsonNode node = record;
        for (String part : dottedPath.split("\\.")) {
            if (node == null || node.isNull()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
