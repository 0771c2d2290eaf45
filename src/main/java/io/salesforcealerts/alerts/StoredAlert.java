package io.salesforcealerts.alerts;

import java.time.Instant;

/** A row of the {@code alert} table: the current episode of one (rule, org, subject). */
public record StoredAlert(String fingerprint, String ruleId, String org, String subject, String severity,
        String state, Double value, Double threshold, String message, int breachCount, Instant startsAt,
        Instant endsAt, Instant firstSeenAt, Instant lastSeenAt, Instant lastNotifiedAt, int notificationCount,
        long version) {

    public static final String PENDING = "PENDING";
    public static final String FIRING = "FIRING";
    public static final String RESOLVED = "RESOLVED";

    public boolean firing() {
        return FIRING.equals(state);
    }

    StoredAlert observed(String newState, Double newValue, String newMessage, int newBreachCount, Instant newStartsAt,
            Instant newEndsAt, Instant newFirstSeenAt, Instant now) {
        return new StoredAlert(fingerprint, ruleId, org, subject, severity, newState, newValue, threshold, newMessage,
                newBreachCount, newStartsAt, newEndsAt, newFirstSeenAt, now, lastNotifiedAt, notificationCount, version);
    }

    StoredAlert notified(Instant at, int count) {
        return new StoredAlert(fingerprint, ruleId, org, subject, severity, state, value, threshold, message,
                breachCount, startsAt, endsAt, firstSeenAt, lastSeenAt, at, count, version);
    }
}
