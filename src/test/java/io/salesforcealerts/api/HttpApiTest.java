package io.salesforcealerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Every API response shape, including the JSON errors for wrong methods, unknown paths and bad parameters. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiTest {

    @TempDir
    static Path dataDir;

    private static SalesforceSimulator simulator;
    private static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(11L, 250));
        runtime = RuntimeHarness.start(RuntimeHarness.defaults(simulator, dataDir));
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    @Test
    @Order(1)
    void statusAndLicencesBeforeAnySync() throws Exception {
        HttpResponse<String> status = runtime.get("/api/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode json = RuntimeHarness.json(status);
        assertThat(json.get("enabled").asBoolean()).isTrue();
        assertThat(json.get("loginUrl").asText()).isEqualTo(simulator.baseUrl());
        assertThat(json.get("username").asText()).isEqualTo(simulator.org().credentials().username());
        assertThat(json.get("orgId").isNull()).isTrue();
        assertThat(json.get("lastSuccessfulFetchAt").isNull()).isTrue();
        assertThat(json.get("lastSync").isNull()).isTrue();
        assertThat(status.body()).doesNotContain(simulator.org().credentials().password())
                .doesNotContain(simulator.org().credentials().consumerSecret());

        HttpResponse<String> licences = runtime.get("/api/licenses");
        assertThat(licences.statusCode()).isEqualTo(200);
        assertThat(licences.body()).isEqualTo("[]");
    }

    @Test
    @Order(2)
    void syncStatusAndLicenceShapes() throws Exception {
        JsonNode sync = RuntimeHarness.json(runtime.post("/api/sync"));
        assertThat(sync.fieldNames()).toIterable()
                .containsExactly("status", "syncId", "orgId", "startedAt", "finishedAt", "counts", "usersMode", "skipped");
        assertThat(sync.get("counts").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Limits", "UserLicense", "PermissionSetLicense", "PackageLicense", "User");
        assertThat(sync.get("startedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

        JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
        assertThat(status.get("orgId").asText()).isEqualTo(simulator.org().orgId()).hasSize(18);
        assertThat(status.get("lastSuccessfulFetchAt").asText()).isEqualTo(sync.get("finishedAt").asText());
        JsonNode last = status.get("lastSync");
        assertThat(last.get("syncId").asLong()).isEqualTo(sync.get("syncId").asLong());
        assertThat(last.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(last.get("trigger").asText()).isEqualTo("http");
        assertThat(last.get("counts").get("User").asInt()).isEqualTo(250);
        assertThat(last.get("usersMode").asText()).isEqualTo("FULL");
        assertThat(last.get("error").isNull()).isTrue();

        JsonNode licences = RuntimeHarness.json(runtime.get("/api/licenses"));
        assertThat(licences.size()).isPositive();
        assertThat(licences.get(0).fieldNames()).toIterable().containsExactly("type", "id", "key", "name", "total",
                "used", "available", "utilization", "status", "expiresAt", "capturedAt");
    }

    @Test
    @Order(3)
    void wrongMethodUnknownPathAndBadParametersGetJsonErrors() throws Exception {
        HttpResponse<String> wrongMethod = runtime.get("/api/sync");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(RuntimeHarness.json(wrongMethod).get("error").get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");

        HttpResponse<String> deleteStatus = runtime.send("DELETE", "/api/status");
        assertThat(deleteStatus.statusCode()).isEqualTo(405);

        HttpResponse<String> unknown = runtime.get("/api/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(RuntimeHarness.json(unknown).get("error").get("code").asText()).isEqualTo("NOT_FOUND");

        HttpResponse<String> badParam = runtime.get("/api/licenses?colour=red");
        assertThat(badParam.statusCode()).isEqualTo(400);
        JsonNode error = RuntimeHarness.json(badParam).get("error");
        assertThat(error.get("code").asText()).isEqualTo("BAD_PARAMETER");
        assertThat(error.get("message").asText()).contains("colour");

        HttpResponse<String> badType = runtime.get("/api/licenses?type=Seat");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(RuntimeHarness.json(badType).get("error").get("message").asText()).contains("type");

        HttpResponse<String> syncParam = runtime.post("/api/sync?force=true");
        assertThat(syncParam.statusCode()).isEqualTo(400);
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run")).isEqualTo(1);
    }
}
