package io.salesforcealerts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bearer token on /api/*, the open health endpoint, and the token generated when none is configured. */
class ApiAccessTest {

    @TempDir
    Path dataDir;

    @Test
    void everyApiRequestNeedsTheBearerTokenAndHealthStaysOpen() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(4L, 50));
                RuntimeHarness runtime = RuntimeHarness.start(RuntimeHarness.defaults(simulator, dataDir))) {
            for (String[] request : new String[][] {{"GET", "/api/status"}, {"GET", "/api/licenses"},
                    {"POST", "/api/sync"}, {"GET", "/api/unknown"}, {"DELETE", "/api/sync"}}) {
                for (String authorization : new String[] {null, "Bearer wrong-token", "Basic " + RuntimeHarness.API_TOKEN,
                        "Bearer " + RuntimeHarness.API_TOKEN + "x"}) {
                    HttpResponse<String> response = runtime.send(request[0], request[1], authorization, null);
                    assertThat(response.statusCode()).as("%s %s with %s", request[0], request[1], authorization)
                            .isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                    JsonNode error = RuntimeHarness.json(response).get("error");
                    assertThat(error.get("code").asText()).isEqualTo("UNAUTHORIZED");
                    assertThat(error.get("message").asText()).isEqualTo("authentication required");
                }
            }
            assertThat(runtime.count("SELECT COUNT(*) FROM sync_run")).as("no sync without the token").isZero();
            assertThat(runtime.get("/api/status").statusCode()).isEqualTo(200);
            assertThat(runtime.send("GET", "/observe/health", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutAConfiguredTokenOneIsGeneratedIntoAnOwnerOnlyFile() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(4L, 50))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            props.put("api.token", "");
            Path tokenFile = dataDir.resolve("api-token");
            String token;
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                assertThat(tokenFile).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
                token = Files.readString(tokenFile).trim();
                assertThat(token).hasSizeGreaterThanOrEqualTo(40);
                assertThat(runtime.send("GET", "/api/status", "Bearer " + token, null).statusCode()).isEqualTo(200);
                assertThat(runtime.get("/api/status").statusCode()).as("the harness token is not this one").isEqualTo(401);
            }
            // the same token after a restart
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                assertThat(runtime.send("GET", "/api/status", "Bearer " + token, null).statusCode()).isEqualTo(200);
            }
        }
    }
}
