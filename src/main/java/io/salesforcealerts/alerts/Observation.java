package io.salesforcealerts.alerts;

/** One measured value of a metric for one subject, e.g. licence-utilisation of UserLicense/Salesforce = 95. */
public record Observation(String subject, double value) {
}
