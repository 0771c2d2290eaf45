package io.salesforcealerts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.salesforcealerts.simulator.SimulatorHttp.API;
import static io.salesforcealerts.simulator.SimulatorHttp.json;
import static io.salesforcealerts.simulator.SimulatorQueryTest.assertRestError;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatorFaultsTest {

    private static SalesforceSimulator simulator;
    private static SimulatorHttp http;

    @BeforeAll
    static void start() {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(9, 1000));
        http = new SimulatorHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
        simulator.org().setLimit("DailyApiRequests", 15000, 14000);
    }

    @Test
    void restCallsWithoutAValidTokenAreInvalidSessionId() throws Exception {
        HttpResponse<String> anonymous = http.get(API + "/limits", null);
        assertRestError(anonymous, 401, "INVALID_SESSION_ID", "Session expired or invalid");
        assertThat(anonymous.headers().firstValue("Sforce-Limit-Info")).isPresent();
        assertRestError(http.get(API + "/limits", "00D000000000001!bogus"), 401, "INVALID_SESSION_ID",
                "Session expired or invalid");
    }

    @Test
    void expireSessionsInvalidatesIssuedTokensButNotNewLogins() throws Exception {
        String old = http.login();
        simulator.faults().expireSessions();

        assertRestError(http.get(API + "/limits", old), 401, "INVALID_SESSION_ID", "Session expired or invalid");
        assertThat(http.get(API + "/limits", http.login()).statusCode()).isEqualTo(200);
    }

    @Test
    void expireSessionAfterRequestsLetsNCallsThrough() throws Exception {
        String token = http.login();
        simulator.faults().expireSessionAfterRequests(2);

        assertThat(http.get(API + "/limits", token).statusCode()).isEqualTo(200);
        assertThat(http.get(API + "/limits", token).statusCode()).isEqualTo(200);
        assertThat(http.get(API + "/limits", token).statusCode()).isEqualTo(401);
    }

    @Test
    void requestLimitExceededBySwitchAndByExhaustingDailyApiRequests() throws Exception {
        String token = http.login();
        simulator.faults().requestLimitExceeded(true);
        assertRestError(http.get(API + "/limits", token), 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        simulator.faults().requestLimitExceeded(false);

        simulator.org().setLimit("DailyApiRequests", 15000, 1);
        HttpResponse<String> last = http.query("SELECT Id FROM Profile", token);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=15000/15000");
        assertRestError(http.query("SELECT Id FROM Profile", token), 403, "REQUEST_LIMIT_EXCEEDED",
                "TotalRequests Limit exceeded.");
    }

    @Test
    void restErrorHitsTheChosenPageTheChosenNumberOfTimes() throws Exception {
        String token = http.login();
        simulator.faults().restError("user", 1, 500, "UNKNOWN_EXCEPTION", "boom", 1);

        JsonNode first = json(http.query("SELECT Id FROM User", token, "Sforce-Query-Options", "batchSize=400"));
        String next = first.get("nextRecordsUrl").asText();
        assertRestError(http.get(next, token), 500, "UNKNOWN_EXCEPTION", "boom");
        // the cursor survives, so a retry of the same page works
        assertThat(json(http.get(next, token)).get("records").size()).isEqualTo(400);
        assertThat(http.query("SELECT Id FROM Profile", token).statusCode()).isEqualTo(200);
    }

    @Test
    void restErrorForAnyObjectAndPageAlsoHitsLimits() throws Exception {
        String token = http.login();
        simulator.faults().restError(null, -1, 403, "API_DISABLED_FOR_ORG",
                "The REST API is not enabled for this Organization.", 2);

        assertRestError(http.get(API + "/limits", token), 403, "API_DISABLED_FOR_ORG", "not enabled");
        assertRestError(http.query("SELECT Id FROM Profile", token), 403, "API_DISABLED_FOR_ORG", "not enabled");
        assertThat(http.get(API + "/limits", token).statusCode()).isEqualTo(200);
    }

    @Test
    void serverErrorsComeBeforeAuthenticationWithOptionalRetryAfter() throws Exception {
        simulator.faults().serverError(503, 1, Duration.ofSeconds(7));
        HttpResponse<String> unavailable = http.get(API + "/limits", null);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(unavailable.body()).contains("<html>");

        simulator.faults().serverError(502, 1);
        assertThat(http.get(API + "/limits", null).body()).contains("502 Bad Gateway");
        simulator.faults().serverError(500, 1);
        assertRestError(http.get(API + "/limits", null), 500, "UNKNOWN_EXCEPTION", "unexpected error");
        assertThat(http.get(API + "/limits", null).statusCode()).isEqualTo(401);
    }

    @Test
    void heldQueriesBlockOnlyQueriesUntilReleased() throws Exception {
        String token = http.login();
        QueryGate gate = simulator.faults().holdQueries();

        CompletableFuture<HttpResponse<String>> held = http.getAsync(SimulatorHttp.queryPath("SELECT Id FROM User"), token);
        assertThat(gate.awaitHeld(Duration.ofSeconds(10))).isTrue();
        assertThat(gate.heldCount()).isEqualTo(1);

        // other requests are served meanwhile, including logins and limits
        assertThat(http.get(API + "/limits", http.login()).statusCode()).isEqualTo(200);
        assertThat(held).isNotDone();

        gate.release();
        HttpResponse<String> response = held.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("totalSize").asInt()).isEqualTo(1000);
    }

    @Test
    void severalConcurrentPagedQueriesAreServedInParallel() throws Exception {
        String token = http.login();
        QueryGate gate = simulator.faults().holdQueries();
        CompletableFuture<?>[] calls = new CompletableFuture<?>[6];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = http.getAsync(SimulatorHttp.queryPath("SELECT Id, Name FROM User LIMIT " + (100 + i)), token);
        }
        assertThat(gate.awaitHeld(Duration.ofSeconds(10))).isTrue();
        gate.release();

        CompletableFuture.allOf(calls).get(20, TimeUnit.SECONDS);
        for (int i = 0; i < calls.length; i++) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) calls[i].get();
            assertThat(json(r).get("totalSize").asInt()).isEqualTo(100 + i);
        }
    }

    @Test
    void truncatedResponseAndConnectionResetBreakTheExchange() throws Exception {
        simulator.faults().truncateNextResponse();
        String truncated = http.raw("/services/data");
        int length = Integer.parseInt(truncated.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
        String body = truncated.substring(truncated.indexOf("\r\n\r\n") + 4);
        assertThat(body.length()).isLessThan(length);

        simulator.faults().resetConnectionOnNextRequest();
        assertThat(http.raw("/services/data")).isEmpty();

        assertThat(http.raw("/services/data")).startsWith("HTTP/1.1 200");
    }
}
