package io.salesforcealerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed bodies, unknown fields, bad parameters and wrong methods: a 4xx JSON error, never a stack trace. */
class ApiBadInputTest {

    @TempDir
    Path dataDir;

    @Test
    void badRequestsGetA4xxJsonErrorAndNoStackTrace() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(31L, 20));
                RuntimeHarness runtime = RuntimeHarness.start(RuntimeHarness.defaults(simulator, dataDir))) {
            String token = "Bearer " + RuntimeHarness.API_TOKEN;
            Object[][] cases = {
                    {"POST", "/api/silences", "{not json", 400, "BAD_BODY"},
                    {"POST", "/api/silences", "[1,2]", 400, "BAD_BODY"},
                    {"POST", "/api/silences", "{\"matchers\":{\"rule\":\"x\"},\"endsAt\":\"2099-01-01T00:00:00Z\",\"colour\":1}",
                            400, "BAD_BODY"},
                    {"POST", "/api/silences", "{\"matchers\":{\"nope\":\"x\"},\"endsAt\":\"2099-01-01T00:00:00Z\"}", 400, "BAD_BODY"},
                    {"POST", "/api/silences", "{\"matchers\":{\"rule\":\"x\"},\"endsAt\":\"tomorrow\"}", 400, "BAD_BODY"},
                    {"DELETE", "/api/silences/abc", null, 400, "BAD_PARAMETER"},
                    {"GET", "/api/alerts?state=burning", null, 400, "BAD_PARAMETER"},
                    {"GET", "/api/alerts?since=yesterday", null, 400, "BAD_PARAMETER"},
                    {"GET", "/api/deliveries?status=lost", null, 400, "BAD_PARAMETER"},
                    {"GET", "/api/licenses?type=Seat&type=Seat", null, 400, "BAD_PARAMETER"},
                    {"PUT", "/api/sync", null, 405, "METHOD_NOT_ALLOWED"},
                    {"PATCH", "/api/alert-rules", null, 405, "METHOD_NOT_ALLOWED"},
                    {"GET", "/api/sync/now", null, 404, "NOT_FOUND"},
            };
            for (Object[] c : cases) {
                HttpResponse<String> response = runtime.send((String) c[0], (String) c[1], token, (String) c[2]);
                String what = c[0] + " " + c[1] + " " + c[2];
                assertThat(response.statusCode()).as(what + " -> " + response.body()).isEqualTo(c[3]);
                assertThat(response.headers().firstValue("Content-Type")).as(what)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
                JsonNode error = RuntimeHarness.json(response).get("error");
                assertThat(error.get("code").asText()).as(what).isEqualTo(c[4]);
                assertThat(error.get("message").asText()).as(what).isNotBlank();
                assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ")
                        .doesNotContain("io.salesforcealerts.");
            }
            assertThat(runtime.count("SELECT COUNT(*) FROM sync_run")).isZero();
        }
    }
}
