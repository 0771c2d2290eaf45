package io.salesforcealerts.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import io.salesforcealerts.config.InvalidConfigurationException;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad rules file stops the start with every problem named by rule id and field. */
class AlertRulesValidationTest {

    private static final String BAD = """
            channels:
              slack: {type: slack, url: "{{alerts.slack.url:}}"}
              pager: {type: pagerduty, url: "http://x"}
            rules:
              - id: seat-critical
                severity: urgent
                metric: licence-utilisation
                selector: {licence-type: UserLicence}
                condition: "> ninety"
              - id: seat-critical
                severity: warning
                metric: licence-days-to-expiry
                selector: {licence-type: UserLicense, colour: red}
                condition: "<= 30"
                for: 0
                channels: [slack, nowhere]
              - id: idle
                severity: info
                metric: inactive-licensed-users
                condition: "> 0"
                treshold: 3
              - severity: info
                metric: headcount
                condition: "> 1"
            inhibit:
              - source: seat-critical
                target: missing-rule
            """;

    @TempDir
    Path dataDir;

    @Test
    void everyProblemIsNamedByRuleAndField() {
        AlertRulesLoader loader = new AlertRulesLoader(s -> s.replace("{{alerts.slack.url:}}", ""));
        assertThatThrownBy(() -> loader.parse("alert-rules.yaml", BAD))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems()).contains(
                        "alert-rules.yaml: channel 'pager': type: must be one of webhook, slack, teams, log (was 'pagerduty')",
                        "alert-rules.yaml: rule 'seat-critical': severity: must be one of critical, warning, info (was 'urgent')",
                        "alert-rules.yaml: rule 'seat-critical': selector.licence-type: licence-utilisation measures UserLicense, "
                                + "PermissionSetLicense, PackageLicense (was 'UserLicence')",
                        "alert-rules.yaml: rule 'seat-critical': condition: must be an operator (>, >=, <, <=, ==) and a number, "
                                + "e.g. \">= 90\" (was '> ninety')",
                        "alert-rules.yaml: rule 'seat-critical': id: used by more than one rule",
                        "alert-rules.yaml: rule 'seat-critical': selector.licence-type: licence-days-to-expiry measures "
                                + "PermissionSetLicense, PackageLicense (was 'UserLicense')",
                        "alert-rules.yaml: rule 'seat-critical': selector.colour: unknown field; allowed: licence-type, name",
                        "alert-rules.yaml: rule 'seat-critical': for: must be a whole number of consecutive syncs, 1 or more (was '0')",
                        "alert-rules.yaml: rule 'seat-critical': channels: channel 'slack' has no URL (set the property its url names)",
                        "alert-rules.yaml: rule 'idle': treshold: unknown field; allowed: channels, condition, description, enabled, "
                                + "for, id, metric, params, selector, severity",
                        "alert-rules.yaml: rule 'idle': params.days: must be a whole number of days, 1 or more (was 'null')",
                        "alert-rules.yaml: rule '#4': id: missing",
                        "alert-rules.yaml: inhibit[0]: target: no rule with id 'missing-rule'")
                        .anyMatch(p -> p.startsWith("alert-rules.yaml: rule 'seat-critical': channels: unknown channel 'nowhere'"))
                        .anyMatch(p -> p.startsWith("alert-rules.yaml: rule '#4': metric: must be one of licence-utilisation,")));
    }

    @Test
    void theShippedRulesLoadAndTheDefaultChannelIsTheWebhookOnlyWhenItHasAUrl() {
        AlertRules withoutUrl = new AlertRulesLoader(s -> s.replaceAll("\\{\\{[^}]*}}", "")).load("alert-rules.yaml");
        assertThat(withoutUrl.rules()).extracting(AlertRule::id).contains("seat-utilisation-critical",
                "seat-utilisation-warning", "licence-expiring", "daily-api-requests-low", "licensed-people-not-logging-in",
                "sync-failing");
        assertThat(withoutUrl.rule("seat-utilisation-critical").orElseThrow().channels()).containsExactly("log");
        assertThat(withoutUrl.inhibitions()).containsExactly(new InhibitRule("seat-utilisation-critical", "seat-utilisation-warning"));
        AlertRules withUrl = new AlertRulesLoader(s -> s.replace("{{alerts.webhook.url:}}", "https://hooks.example.com/a")
                .replaceAll("\\{\\{[^}]*}}", "")).load("alert-rules.yaml");
        assertThat(withUrl.rule("sync-failing").orElseThrow().channels()).containsExactly("webhook");
    }

    @Test
    void theRuntimeDoesNotStartWithABadRulesFile() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(3L, 10))) {
            Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, """
                    rules:
                      - id: broken
                        severity: critical
                        metric: licence-utilisation
                        condition: "=> 90"
                    """);
            p.put("alerts.repeat-interval", "often");
            assertThatThrownBy(() -> RuntimeHarness.start(p).close())
                    .satisfies(e -> assertThat(rootInvalid(e).problems()).containsExactly(
                            "alerts.repeat-interval: must be a duration such as 30s, 15m, 4h, 1d or PT4H (was 'often')",
                            dataDir.resolve("alert-rules.yaml") + ": rule 'broken': condition: must be an operator "
                                    + "(>, >=, <, <=, ==) and a number, e.g. \">= 90\" (was '=> 90')"));
        }
    }

    private static InvalidConfigurationException rootInvalid(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidConfigurationException i) {
                return i;
            }
        }
        throw new AssertionError("no InvalidConfigurationException in " + t, t);
    }
}
