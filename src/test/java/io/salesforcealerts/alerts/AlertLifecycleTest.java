package io.salesforcealerts.alerts;

import static io.salesforcealerts.alerts.AlertTestSupport.alert;
import static io.salesforcealerts.alerts.AlertTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Firing, staying quiet, repeating, inhibition, for: 2, resolving and silences, through the real runtime and a webhook. */
class AlertLifecycleTest {

    private static final String RULES = """
            channels:
              webhook:
                type: webhook
                url: "{{alerts.webhook.url}}"
            rules:
              - id: seat-critical
                description: Seats nearly all used
                severity: critical
                metric: licence-utilisation
                selector: {licence-type: UserLicense, name: Salesforce}
                condition: ">= 90"
                channels: [webhook]
              - id: seat-warning
                description: Seats running low
                severity: warning
                metric: licence-utilisation
                selector: {licence-type: UserLicense, name: Salesforce}
                condition: ">= 80"
                channels: [webhook]
              - id: platform-two-syncs
                severity: info
                metric: licence-utilisation
                selector: {licence-type: UserLicense, name: Salesforce Platform}
                condition: ">= 10"
                for: 2
                channels: [log]
            inhibit:
              - source: seat-critical
                target: seat-warning
            """;
    private static final String SUBJECT = "UserLicense/Salesforce";

    @TempDir
    Path dataDir;

    private SalesforceSimulator simulator;
    private WebhookReceiver receiver;
    private RuntimeHarness runtime;

    @BeforeEach
    void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(31L, 200));
        simulator.org().setTotalLicenses("Salesforce", 100);
        simulator.org().setUsedLicenses("Salesforce", 95);
        receiver = WebhookReceiver.start();
        Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, RULES);
        p.put("alerts.webhook.url", receiver.url("/hook"));
        p.put("alerts.repeat-interval", "3s");
        runtime = RuntimeHarness.start(p);
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        receiver.close();
        simulator.close();
    }

    @Test
    void firesOnceStaysQuietRepeatsAndResolvesWithInhibitionAndForTwoSyncs() throws Exception {
        assertThat(sync(runtime).get("status").asText()).isEqualTo("SUCCESS");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 1);
        WebhookReceiver.Request firing = receiver.accepted("/hook").get(0);
        JsonNode payload = firing.json();
        assertThat(payload.get("state").asText()).isEqualTo("firing");
        assertThat(payload.get("rule").asText()).isEqualTo("seat-critical");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("org").asText()).isEqualTo(simulator.org().orgId());
        assertThat(payload.get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(payload.get("value").asDouble()).isEqualTo(95.0);
        assertThat(payload.get("threshold").asDouble()).isEqualTo(90.0);
        assertThat(payload.get("message").asText()).contains("Seats nearly all used", SUBJECT, "95%", ">= 90");
        assertThat(payload.get("startsAt").asText()).endsWith("Z");
        assertThat(payload.get("endsAt").isNull()).isTrue();
        assertThat(payload.get("fingerprint").asText()).hasSize(32);
        assertThat(firing.idempotencyKey()).startsWith(payload.get("fingerprint").asText()).endsWith("-webhook");
        assertThat(firing.contentType()).startsWith("application/json");
        // the warning fires too (state) but the critical alert inhibits its notification
        assertThat(alert(runtime, "seat-warning", SUBJECT).get("state").asText()).isEqualTo("FIRING");
        // for: 2 -> the first sync only makes it pending
        assertThat(alert(runtime, "platform-two-syncs", "UserLicense/Salesforce Platform").get("state").asText())
                .isEqualTo("PENDING");

        // an unchanged sync within the repeat interval notifies nothing new
        sync(runtime);
        assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook'")).isEqualTo(1);
        JsonNode platform = alert(runtime, "platform-two-syncs", "UserLicense/Salesforce Platform");
        assertThat(platform.get("state").asText()).isEqualTo("FIRING");
        assertThat(platform.get("notifications").get(0).get("channel").asText()).isEqualTo("log");

        // after the repeat interval the next sync notifies again, once
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            sync(runtime);
            return runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook'") == 2;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 2);
        JsonNode repeat = receiver.accepted("/hook").get(1).json();
        assertThat(repeat.get("state").asText()).isEqualTo("firing");
        assertThat(repeat.get("repeat").asBoolean()).isTrue();
        assertThat(repeat.get("fingerprint").asText()).isEqualTo(payload.get("fingerprint").asText());
        assertThat(receiver.accepted("/hook").get(1).idempotencyKey()).isNotEqualTo(firing.idempotencyKey());

        // usage drops under 90: the critical resolves and the warning, no longer inhibited, is notified
        simulator.org().setUsedLicenses("Salesforce", 85);
        sync(runtime);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 4);
        List<JsonNode> last = receiver.accepted("/hook").subList(2, 4).stream().map(WebhookReceiver.Request::json).toList();
        assertThat(last).anySatisfy(j -> {
            assertThat(j.get("rule").asText()).isEqualTo("seat-critical");
            assertThat(j.get("state").asText()).isEqualTo("resolved");
            assertThat(j.get("endsAt").asText()).endsWith("Z");
            assertThat(j.get("value").asDouble()).isEqualTo(85.0);
        });
        assertThat(last).anySatisfy(j -> {
            assertThat(j.get("rule").asText()).isEqualTo("seat-warning");
            assertThat(j.get("state").asText()).isEqualTo("firing");
        });
        assertThat(alert(runtime, "seat-critical", SUBJECT).get("state").asText()).isEqualTo("RESOLVED");

        // everything back to normal: the warning resolves; nothing else is sent, ever again
        simulator.org().setUsedLicenses("Salesforce", 50);
        sync(runtime);
        sync(runtime);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 5);
        assertThat(receiver.accepted("/hook").get(4).json().get("rule").asText()).isEqualTo("seat-warning");
        assertThat(receiver.accepted("/hook").get(4).json().get("state").asText()).isEqualTo("resolved");
        assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook'")).isEqualTo(5);
        assertThat(receiver.requests("/hook")).hasSize(5);

        JsonNode firingNow = RuntimeHarness.json(runtime.get("/api/alerts?state=firing&severity=info"));
        assertThat(firingNow).hasSize(1);
        assertThat(firingNow.get(0).get("rule").asText()).isEqualTo("platform-two-syncs");
    }

    @Test
    void aSilenceMutesMatchingAlertsUntilDeleted() throws Exception {
        var created = AlertTestSupport.postJson(runtime, "/api/silences",
                "{\"matchers\":{\"rule\":\"seat-*\",\"subject\":\"UserLicense/Salesforce\"},"
                        + "\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"licence order in progress\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = RuntimeHarness.json(created).get("id").asLong();
        assertThat(RuntimeHarness.json(runtime.get("/api/silences")).get(0).get("active").asBoolean()).isTrue();

        sync(runtime);
        assertThat(alert(runtime, "seat-critical", SUBJECT).get("state").asText()).isEqualTo("FIRING");
        assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook'")).isZero();

        assertThat(runtime.send("DELETE", "/api/silences/" + id).statusCode()).isEqualTo(200);
        assertThat(runtime.send("DELETE", "/api/silences/" + id).statusCode()).isEqualTo(404);
        assertThat(RuntimeHarness.json(runtime.get("/api/silences"))).isEmpty();
        // the muted firing is still owed: the next sync sends it
        sync(runtime);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 1);
        assertThat(receiver.accepted("/hook").get(0).json().get("rule").asText()).isEqualTo("seat-critical");

        var bad = AlertTestSupport.postJson(runtime, "/api/silences", "{\"matchers\":{\"colour\":\"red\"},\"endsAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(RuntimeHarness.json(bad).get("error").get("message").asText()).contains("colour");
        assertThat(AlertTestSupport.postJson(runtime, "/api/silences", "{\"matchers\":{\"rule\":\"x\"},\"endsAt\":\"2001-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(400);
    }
}
