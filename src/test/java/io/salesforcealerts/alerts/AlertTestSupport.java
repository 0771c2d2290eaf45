package io.salesforcealerts.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.support.RuntimeHarness;

/** Settings shared by the alert tests: a rules file of the test's own, fast polling and short backoff. */
final class AlertTestSupport {

    private AlertTestSupport() {
    }

    static Map<String, String> properties(SalesforceSimulator simulator, Path dataDir, String rulesYaml) throws IOException {
        Path rules = dataDir.resolve("alert-rules.yaml");
        Files.writeString(rules, rulesYaml);
        Map<String, String> p = RuntimeHarness.defaults(simulator, dataDir);
        p.put("alerts.rules-file", rules.toString());
        p.put("alerts.delivery.poll-interval", "100");
        p.put("alerts.delivery.initial-backoff", "100ms");
        p.put("alerts.delivery.max-backoff", "400ms");
        return p;
    }

    /** POST with a JSON body, with the harness's API token. */
    static HttpResponse<String> postJson(RuntimeHarness runtime, String path, String json) throws IOException, InterruptedException {
        return runtime.send("POST", path, "Bearer " + RuntimeHarness.API_TOKEN, json);
    }

    static JsonNode sync(RuntimeHarness runtime) throws IOException, InterruptedException {
        return RuntimeHarness.json(runtime.post("/api/sync"));
    }

    /** The alert of a rule and subject from GET /api/alerts, or null. */
    static JsonNode alert(RuntimeHarness runtime, String rule, String subject) throws IOException, InterruptedException {
        for (JsonNode a : RuntimeHarness.json(runtime.get("/api/alerts"))) {
            if (a.get("rule").asText().equals(rule) && a.get("subject").asText().equals(subject)) {
                return a;
            }
        }
        return null;
    }
}
