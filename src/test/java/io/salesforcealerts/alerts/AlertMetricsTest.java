package io.salesforcealerts.alerts;

import static io.salesforcealerts.alerts.AlertTestSupport.alert;
import static io.salesforcealerts.alerts.AlertTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each metric kind fires on data the simulator is given for it, and only there. */
class AlertMetricsTest {

    private static final String RULES = """
            rules:
              - id: available
                severity: warning
                metric: licence-available
                selector: {licence-type: UserLicense, name: Salesforce}
                condition: "<= 10"
              - id: over
                severity: warning
                metric: licence-over-allocation
                condition: "> 0"
              - id: expiry
                severity: warning
                metric: licence-days-to-expiry
                selector: {licence-type: PermissionSetLicense, name: "Sales*"}
                condition: "<= 30"
              - id: not-active
                severity: info
                metric: licence-status-not-active
                selector: {licence-type: PackageLicense}
                params: {active-statuses: [Active, Free]}
                condition: "== 1"
              - id: idle-people
                severity: info
                metric: inactive-licensed-users
                selector: {name: Salesforce}
                params: {days: 90}
                condition: "> 0"
              - id: api-low
                severity: warning
                metric: limit-remaining
                selector: {limit: DailyApiRequests}
                condition: "< 10"
              - id: failing
                severity: critical
                metric: sync-consecutive-failures
                condition: ">= 3"
                channels: [log]
              - id: stale
                severity: info
                metric: sync-hours-since-success
                condition: ">= 0"
              - id: switched-off
                enabled: false
                severity: info
                metric: licence-utilisation
                condition: ">= 0"
            """;

    @TempDir
    Path dataDir;

    @Test
    void eachMetricFiresOnDataBuiltForIt() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(53L, 150))) {
            SimulatedOrg org = simulator.org();
            org.setTotalLicenses("Salesforce", 100);
            org.setUsedLicenses("Salesforce", 95);
            org.setLimit("DailyApiRequests", 15000, 1000);
            org.setLastLogin(5, Instant.now().minus(200, ChronoUnit.DAYS));
            Map<String, String> properties = AlertTestSupport.properties(simulator, dataDir, RULES);
            properties.put("sync.api-reserve-percent", "5"); // 6.7 % left: measured, not under the budget guard
            try (RuntimeHarness runtime = RuntimeHarness.start(properties)) {
                assertThat(sync(runtime).get("status").asText()).isEqualTo("SUCCESS");

                assertThat(firing(runtime, "available", "UserLicense/Salesforce").get("value").asDouble()).isEqualTo(5.0);
                assertThat(firing(runtime, "over", "UserLicense/Partner Community").get("value").asDouble()).isPositive();
                assertThat(firing(runtime, "expiry", "PermissionSetLicense/Sales Console User").get("value").asDouble())
                        .isCloseTo(20.0, Offset.offset(1.0));
                assertThat(alert(runtime, "expiry", "PermissionSetLicense/Salesforce CPQ License")).isNull();
                firing(runtime, "not-active", "PackageLicense/pi");
                firing(runtime, "not-active", "PackageLicense/FinServ");
                assertThat(alert(runtime, "not-active", "PackageLicense/et4ae5")).isNull();
                assertThat(alert(runtime, "not-active", "PackageLicense/SBQQ")).isNull();
                long idle = runtime.count("SELECT COUNT(*) FROM sf_user WHERE is_active AND licence_name = 'Salesforce'"
                        + " AND (last_login_at IS NULL OR last_login_at < ?)", java.time.OffsetDateTime.now().minusDays(90));
                assertThat(idle).isPositive();
                assertThat(firing(runtime, "idle-people", "UserLicense/Salesforce").get("value").asLong()).isEqualTo(idle);
                assertThat(firing(runtime, "api-low", "limit/DailyApiRequests").get("value").asDouble()).isLessThan(10.0);
                assertThat(firing(runtime, "stale", "org").get("value").asDouble()).isZero();
                assertThat(alert(runtime, "failing", "org")).isNull();
                assertThat(RuntimeHarness.json(runtime.get("/api/alerts")).toString()).doesNotContain("switched-off");

                // the "licence server not responding" of this integration: three failed syncs in a row
                simulator.faults().loginError("invalid_grant", "authentication failure");
                simulator.faults().expireSessions();
                for (int i = 0; i < 3; i++) {
                    assertThat(sync(runtime).get("status").asText()).isEqualTo("FAILED");
                }
                JsonNode failing = firing(runtime, "failing", "org");
                assertThat(failing.get("value").asDouble()).isEqualTo(3.0);
                assertThat(failing.get("org").asText()).isEqualTo(org.orgId());
                assertThat(failing.get("severity").asText()).isEqualTo("critical");

                simulator.faults().clearLoginError();
                assertThat(sync(runtime).get("status").asText()).isEqualTo("SUCCESS");
                assertThat(alert(runtime, "failing", "org").get("state").asText()).isEqualTo("RESOLVED");

                JsonNode rules = RuntimeHarness.json(runtime.get("/api/alert-rules")).get("rules");
                assertThat(rules).hasSize(9);
                assertThat(rules.get(8).get("id").asText()).isEqualTo("switched-off");
                assertThat(rules.get(8).get("enabled").asBoolean()).isFalse();
                assertThat(rules.get(0).get("condition").asText()).isEqualTo("<= 10");
                assertThat(rules.get(0).get("channels").get(0).asText()).isEqualTo("log");
            }
        }
    }

    private static JsonNode firing(RuntimeHarness runtime, String rule, String subject) throws Exception {
        JsonNode a = alert(runtime, rule, subject);
        assertThat(a).as("alert %s for %s", rule, subject).isNotNull();
        assertThat(a.get("state").asText()).as("state of %s for %s", rule, subject).isEqualTo("FIRING");
        return a;
    }
}
