package io.salesforcealerts.alerts;

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

/** The outbox: retries with backoff, dead letters, restarts, and the Slack and Teams formats. */
class AlertDeliveryTest {

    private static final String RULES = """
            channels:
              webhook: {type: webhook, url: "{{alerts.webhook.url}}"}
              slack: {type: slack, url: "{{alerts.slack.url:}}"}
              teams: {type: teams, url: "{{alerts.teams.url:}}", send-resolved: false}
            rules:
              - id: seat-critical
                description: Seats nearly all used
                severity: critical
                metric: licence-utilisation
                selector: {licence-type: UserLicense, name: Salesforce}
                condition: ">= 90"
                channels: [%s]
            """;

    @TempDir
    Path dataDir;

    private SalesforceSimulator simulator;

    @BeforeEach
    void start() {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(41L, 150));
        simulator.org().setTotalLicenses("Salesforce", 100);
        simulator.org().setUsedLicenses("Salesforce", 95);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void transientFailuresAreRetriedUntilDeliveredOnceAndA4xxIsDeadLetteredAtOnce() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answerNext(503, 429, 500);
            Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, RULES.formatted("webhook"));
            p.put("alerts.webhook.url", receiver.url("/hook"));
            try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
                sync(runtime);
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted("/hook").size() == 1);
                assertThat(receiver.requests("/hook")).hasSize(4)
                        .extracting(WebhookReceiver.Request::idempotencyKey).containsOnly(receiver.requests("/hook").get(0).idempotencyKey());
                // critical alerts also go to the log (routes/alerts.camel.yaml), delivered at the first attempt
                JsonNode delivered = webhookOnly(RuntimeHarness.json(runtime.get("/api/deliveries?status=delivered")));
                assertThat(delivered).hasSize(1);
                assertThat(delivered.get(0).get("attempts").asInt()).isEqualTo(4);
                assertThat(delivered.get(0).get("responseStatus").asInt()).isEqualTo(200);
                assertThat(delivered.get(0).get("payload").get("rule").asText()).isEqualTo("seat-critical");

                // a new firing episode answered 400: dead at once, with the response, visible in the API
                simulator.org().setUsedLicenses("Salesforce", 10);
                sync(runtime); // resolved, delivered
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 2);
                receiver.answerNext(400);
                simulator.org().setUsedLicenses("Salesforce", 99);
                sync(runtime);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        RuntimeHarness.json(runtime.get("/api/deliveries?status=dead")).size() == 1);
                JsonNode dead = RuntimeHarness.json(runtime.get("/api/deliveries?status=dead")).get(0);
                assertThat(dead.get("attempts").asInt()).isEqualTo(1);
                assertThat(dead.get("responseStatus").asInt()).isEqualTo(400);
                assertThat(dead.get("lastError").asText()).contains("HTTP 400", "status 400");
                assertThat(RuntimeHarness.json(runtime.get("/api/deliveries?status=pending"))).isEmpty();
                assertThat(receiver.requests("/hook")).hasSize(6);
                assertThat(runtime.get("/api/deliveries?status=lost").statusCode()).isEqualTo(400);
            }
        }
    }

    @Test
    void aNotificationStillFailingAfterMaxAgeIsDeadLettered() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answerNext(503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503);
            Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, RULES.formatted("webhook"));
            p.put("alerts.webhook.url", receiver.url("/hook"));
            p.put("alerts.delivery.max-age", "1s");
            try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
                sync(runtime);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        webhookOnly(RuntimeHarness.json(runtime.get("/api/deliveries?status=dead"))).size() == 1);
                JsonNode dead = webhookOnly(RuntimeHarness.json(runtime.get("/api/deliveries?status=dead"))).get(0);
                assertThat(dead.get("attempts").asInt()).isGreaterThan(1);
                assertThat(dead.get("lastError").asText()).startsWith("gave up after alerts.delivery.max-age: HTTP 503");
                assertThat(receiver.accepted("/hook")).isEmpty();
            }
        }
    }

    @Test
    void twoEvaluationsRacingOverOneAlertQueueOneFiringNotification() throws Exception {
        Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, RULES.formatted("webhook"));
        p.put("alerts.webhook.url", "http://127.0.0.1:" + RuntimeHarness.freePort() + "/hook");
        try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
            io.salesforcealerts.sync.SyncResult synced = runtime.context().createProducerTemplate()
                    .requestBody("direct:sync", null, io.salesforcealerts.sync.SyncResult.class);
            try (var c = runtime.dataSource().getConnection(); var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM alert_delivery");
                st.executeUpdate("DELETE FROM alert");
            }
            AlertEvaluator evaluator = runtime.context().getRegistry().lookupByNameAndType("alertEvaluator", AlertEvaluator.class);
            // both read the same state (no alert yet) before either writes
            org.apache.camel.Exchange first = new org.apache.camel.support.DefaultExchange(runtime.context());
            org.apache.camel.Exchange second = new org.apache.camel.support.DefaultExchange(runtime.context());
            for (org.apache.camel.Exchange e : List.of(first, second)) {
                e.getMessage().setBody(synced);
                AlertBatch batch = evaluator.evaluate(e);
                assertThat(batch.getEvents()).hasSize(1);
                batch.getEvents().get(0).getChannels().add("webhook");
                e.getMessage().setBody(batch);
            }
            evaluator.commit(first);
            evaluator.commit(second);
            assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE kind = 'FIRING'")).isEqualTo(1);
            assertThat(runtime.count("SELECT COUNT(*) FROM alert WHERE state = 'FIRING'")).isEqualTo(1);
        }
    }

    private static JsonNode webhookOnly(JsonNode deliveries) {
        com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        deliveries.forEach(d -> {
            if (d.get("channel").asText().equals("webhook")) {
                out.add(d);
            }
        });
        return out;
    }

    @Test
    void aDeliveryPendingWhenTheRuntimeStopsIsDeliveredOnceAfterTheRestart() throws Exception {
        int port = RuntimeHarness.freePort(); // nothing listens there yet: connection refused
        Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, RULES.formatted("webhook"));
        p.put("alerts.webhook.url", "http://127.0.0.1:" + port + "/hook");
        try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
            sync(runtime);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    runtime.count("SELECT MAX(attempts) FROM alert_delivery WHERE channel = 'webhook'") >= 2);
            JsonNode pending = RuntimeHarness.json(runtime.get("/api/deliveries?status=pending")).get(0);
            assertThat(pending.get("lastError").asText()).containsIgnoringCase("connect");
        }
        try (WebhookReceiver receiver = WebhookReceiver.start(port); RuntimeHarness restarted = RuntimeHarness.start(p)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() == 1);
            assertThat(receiver.accepted("/hook").get(0).json().get("state").asText()).isEqualTo("firing");
            // the restart's own evaluation does not re-fire: nothing new is queued by a sync either
            sync(restarted);
            assertThat(restarted.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook'")).isEqualTo(1);
            assertThat(restarted.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook' AND status = 'DELIVERED'"))
                    .isEqualTo(1);
            assertThat(receiver.requests("/hook")).hasSize(1);
        }
    }

    @Test
    void slackAndTeamsGetTheirOwnMessageFormats() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Map<String, String> p = AlertTestSupport.properties(simulator, dataDir, RULES.formatted("slack, teams"));
            p.put("alerts.webhook.url", "");
            p.put("alerts.slack.url", receiver.url("/slack"));
            p.put("alerts.teams.url", receiver.url("/teams") + "?api-version=2016-06-01&sig=a%2Fb");
            try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
                sync(runtime);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        receiver.accepted("/slack").size() == 1 && receiver.accepted("/teams").size() == 1);
                JsonNode slack = receiver.accepted("/slack").get(0).json();
                assertThat(slack.get("text").asText()).contains("[FIRING] CRITICAL seat-critical", "UserLicense/Salesforce");
                assertThat(slack.get("blocks").get(0).get("type").asText()).isEqualTo("header");
                assertThat(slack.get("blocks").get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
                assertThat(slack.get("blocks").get(2).get("fields").toString()).contains("*Value*\\n95");

                JsonNode teams = receiver.accepted("/teams").get(0).json();
                assertThat(teams.get("type").asText()).isEqualTo("message");
                JsonNode attachment = teams.get("attachments").get(0);
                assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
                assertThat(attachment.get("content").get("type").asText()).isEqualTo("AdaptiveCard");
                assertThat(attachment.get("content").get("body").get(0).get("text").asText()).contains("seat-critical");
                assertThat(attachment.get("content").get("body").get(2).get("facts").toString()).contains("\"Threshold\"", "\"90\"");

                // Teams has send-resolved: false; Slack gets the resolution
                simulator.org().setUsedLicenses("Salesforce", 10);
                sync(runtime);
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/slack").size() == 2);
                assertThat(receiver.accepted("/slack").get(1).json().get("text").asText()).startsWith("[RESOLVED]");
                assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE channel = 'teams'")).isEqualTo(1);
            }
        }
    }
}
