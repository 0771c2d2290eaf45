package io.salesforcealerts.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.LogCapture;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One row of the troubleshooting table per case: the simulator's fault switch produces what
 * Salesforce sends, and the sync's failure carries the right code and hint, in the response and in /api/status.
 */
class DiagnosisTest {

    @TempDir
    static Path dataDir;

    private static SalesforceSimulator simulator;
    private static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(13L, 60));
        runtime = RuntimeHarness.start(RuntimeHarness.defaults(simulator, dataDir));
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
        simulator.org().showRecords("UserLicense");
    }

    static Stream<Arguments> troubleshootingTable() {
        return Stream.of(
                login("invalid_client_id", "client identifier invalid", "invalid_client_id", "Consumer Key"),
                login("invalid_client", "invalid client credentials", "invalid_client", "Consumer Secret"),
                login("invalid_grant", "authentication failure", "invalid_grant", "https://test.salesforce.com"),
                login("invalid_grant", "authentication failure", "invalid_grant", "Allow OAuth Username-Password Flows"),
                login("invalid_grant", "ip restricted", "invalid_grant", "IP Relaxation"),
                login("invalid_grant", "IP restricted or invalid login hours", "invalid_grant", "Relax IP restrictions"),
                login("invalid_grant", "user hasn't approved this consumer", "invalid_grant", "All users may self-authorize"),
                login("invalid_app_access", "user is not admin approved to access this app", "invalid_app_access",
                        "assign the integration user's profile or a permission set"),
                login("unsupported_grant_type", "grant type not supported", "unsupported_grant_type", "salesforce.auth-flow"),
                login("inactive_user", "inactive user", "inactive_user", "deactivated"),
                login("invalid_grant", "inactive user", "invalid_grant", "deactivated"),
                login("inactive_org", "org is locked", "inactive_org", "locked"),
                login("rate_limit_exceeded", "Number of logins exceeded", "rate_limit_exceeded", "too many logins"),
                rest(401, "INVALID_SESSION_ID", "This session is not valid for use with the REST API", "api"),
                rest(403, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.", "API Enabled"),
                rest(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", "DailyApiRequests"),
                rest(403, "INSUFFICIENT_ACCESS", "You do not have permission to view limits", "View Setup and Configuration"),
                rest(400, "INVALID_OPERATION_WITH_EXPIRED_PASSWORD",
                        "The users password has expired, you must call SetPassword before attempting any other API operations",
                        "password has expired"),
                Arguments.of("zero UserLicense rows", (Consumer<SalesforceSimulator>) s -> s.org().hideRecords("UserLicense"),
                        "NO_LICENCE_DATA", "View Setup and Configuration"));
    }

    private static Arguments login(String error, String description, String code, String hint) {
        return Arguments.of("login " + error + " / " + description,
                (Consumer<SalesforceSimulator>) s -> {
                    s.faults().loginError(error, description);
                    s.faults().expireSessions(); // the runtime must log in again to meet the login error
                }, code, hint);
    }

    private static Arguments rest(int status, String errorCode, String message, String hint) {
        return Arguments.of("REST " + errorCode,
                (Consumer<SalesforceSimulator>) s -> s.faults().restError(null, -1, status, errorCode, message, -1),
                errorCode, hint);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("troubleshootingTable")
    void eachFailureGetsItsCodeAndHint(String name, Consumer<SalesforceSimulator> fault, String code, String hint)
            throws Exception {
        fault.accept(simulator);

        HttpResponse<String> response = runtime.post("/api/sync");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = RuntimeHarness.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("hint").asText()).contains(hint);
        JsonNode lastError = RuntimeHarness.json(runtime.get("/api/status")).get("lastError");
        assertThat(lastError.get("code").asText()).isEqualTo(code);
        assertThat(lastError.get("hint").asText()).contains(hint);
    }

    @Test
    void aFailureIsLoggedWithItsHintOncePerChangeNotOnEveryTick() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            simulator.faults().loginError("invalid_client", "invalid client credentials");
            simulator.faults().expireSessions();
            for (int i = 0; i < 3; i++) {
                assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(502);
            }
            simulator.faults().clear();
            simulator.faults().loginError("invalid_grant", "ip restricted");
            assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(502);
            simulator.faults().clear();
            HttpResponse<String> recovered = runtime.post("/api/sync");
            assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);

            String text = logs.text();
            assertThat(occurrences(text, "WARN io.salesforcealerts.sync.SyncRunService Sync")).isEqualTo(2);
            assertThat(occurrences(text, "failed: invalid_client invalid client credentials -- The Consumer Secret")).isEqualTo(1);
            assertThat(occurrences(text, "failed again: invalid_client")).isEqualTo(2);
            assertThat(occurrences(text, "failed: invalid_grant ip restricted -- Salesforce refuses logins")).isEqualTo(1);
            assertThat(text).contains("Syncs work again after invalid_grant: ip restricted");
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aSuccessfulSyncClearsTheLastError() throws Exception {
        simulator.faults().loginError("invalid_client", "invalid client credentials");
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(502);
        simulator.faults().clear();
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
        assertThat(RuntimeHarness.json(runtime.get("/api/status")).get("lastError").isNull()).isTrue();
    }

    @Test
    void networkFailuresNameTheHostAndTheCause(@TempDir Path otherDir) throws Exception {
        int closedPort = RuntimeHarness.freePort();
        assertNetworkFailure(otherDir.resolve("refused"), "http://127.0.0.1:" + closedPort, Map.of(),
                "CONNECTION_FAILED", "127.0.0.1:" + closedPort);
        try (UntrustedTlsServer tls = UntrustedTlsServer.start(otherDir.resolve("tls-keystore.p12"))) {
            assertNetworkFailure(otherDir.resolve("tls"), "https://127.0.0.1:" + tls.port(), Map.of(),
                    "TLS_FAILURE", "127.0.0.1:" + tls.port());
        }
        assertNetworkFailure(otherDir.resolve("dns"), "https://no-such-host.invalid", Map.of(),
                "DNS_FAILURE", "no-such-host.invalid");
        simulator.faults().pageDelay(Duration.ofMillis(2500));
        assertNetworkFailure(otherDir.resolve("timeout"), simulator.baseUrl(),
                Map.of("salesforce.http.idle-timeout-ms", "1000"), "TIMEOUT", "127.0.0.1:" + simulator.port());
    }

    private void assertNetworkFailure(Path dir, String loginUrl, Map<String, String> extra, String code, String host)
            throws Exception {
        Map<String, String> props = RuntimeHarness.defaults(simulator, dir);
        props.put("salesforce.login-url", loginUrl);
        props.putAll(extra);
        try (RuntimeHarness other = RuntimeHarness.start(props)) {
            HttpResponse<String> response = other.post("/api/sync");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
            JsonNode error = RuntimeHarness.json(response).get("error");
            assertThat(error.get("code").asText()).as(response.body()).isEqualTo(code);
            assertThat(error.get("message").asText()).contains(host);
            assertThat(error.get("hint").asText()).isNotBlank();
        }
    }
}
