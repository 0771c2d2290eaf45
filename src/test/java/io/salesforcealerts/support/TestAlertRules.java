package io.salesforcealerts.support;

/** Alert rules files shared by the process-level tests: the simulated org's Salesforce licence is above 90%. */
public final class TestAlertRules {

    /** Two seat rules on the Salesforce user licence, both notifying the webhook. */
    public static final String SEATS = """
            channels:
              webhook: {type: webhook, url: "{{alerts.webhook.url}}"}
            rules:
              - id: seat-critical
                description: Seats nearly all used
                severity: critical
                metric: licence-utilisation
                selector: {licence-type: UserLicense, name: Salesforce}
                condition: ">= 90"
                channels: [webhook]
              - id: seats-left-low
                description: Few seats left
                severity: warning
                metric: licence-available
                selector: {licence-type: UserLicense, name: Salesforce}
                condition: "< 10"
                channels: [webhook]
            """;

    private TestAlertRules() {
    }
}
