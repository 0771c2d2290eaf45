package io.salesforcealerts.alerts;

/** While an alert of rule {@code source} is FIRING, alerts of {@code target} for the same org and subject are muted. */
public record InhibitRule(String source, String target) {
}
