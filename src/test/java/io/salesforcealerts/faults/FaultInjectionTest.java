package io.salesforcealerts.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.alerts.WebhookReceiver;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the simulator's fault switches through the real runtime and checks, for each fault, the sync's
 * status and diagnosis, the database state afterwards and the webhook notifications (each exactly once).
 */
class FaultInjectionTest {

    static final int USERS = 450; // 3 pages of User at 200 a page
    static final String RULES = """
            channels:
              webhook:
                type: webhook
                url: "{{alerts.webhook.url}}"
            rules:
              - id: sync-failing
                description: Syncs fail
                severity: critical
                metric: sync-consecutive-failures
                condition: ">= 1"
                channels: [webhook]
            """;

    @TempDir
    Path dataDir;

    SalesforceSimulator simulator;
    WebhookReceiver receiver;
    RuntimeHarness runtime;

    @BeforeEach
    void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(11L, USERS));
        receiver = WebhookReceiver.start();
        runtime = RuntimeHarness.start(properties(simulator, receiver, dataDir));
    }

    static Map<String, String> properties(SalesforceSimulator simulator, WebhookReceiver receiver, Path dataDir)
            throws Exception {
        Path rules = dataDir.resolve("alert-rules.yaml");
        Files.writeString(rules, RULES);
        Map<String, String> p = RuntimeHarness.defaults(simulator, dataDir);
        p.put("alerts.rules-file", rules.toString());
        p.put("alerts.webhook.url", receiver.url("/hook"));
        p.put("alerts.delivery.poll-interval", "100");
        p.put("alerts.delivery.initial-backoff", "100ms");
        p.put("alerts.delivery.max-backoff", "400ms");
        p.put("salesforce.query-batch-size", "200");
        p.put("sync.retry.max-attempts", "4");
        p.put("sync.retry.initial-delay-ms", "20");
        p.put("sync.retry.max-delay-ms", "100");
        p.put("sync.retry.max-total-ms", "5000");
        // every sync fetches every user, so each fault hits a full, paged fetch (IncrementalUserSyncTest covers the rest)
        p.put("sync.users.full-refresh", "0");
        return p;
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        receiver.close();
        simulator.close();
    }

    // ---- transient Salesforce failures: retried per call, the sync succeeds ----

    @Test
    void serverErrorsAreRetriedAndTheSyncSucceeds() throws Exception {
        simulator.faults().serverError(503, 2, Duration.ofSeconds(1)); // the /limits call fails twice
        long before = simulator.stats().restCalls();

        JsonNode sync = syncOk();

        assertThat(simulator.stats().limitsCalls()).isEqualTo(1); // the 503s never reach the endpoint
        assertThat(simulator.stats().restCalls() - before).isEqualTo(2 + 1 + 4 + 2); // 2 failed + limits + 4 queries + 2 queryMore
        assertSnapshotOf(sync);
        assertNoNotification();
    }

    @Test
    void gatewayErrorsWithoutRetryAfterAreRetried() throws Exception {
        simulator.faults().serverError(502, 1);
        syncOk();
        simulator.faults().serverError(500, 3); // within 4 tries
        assertSnapshotOf(syncOk());
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'SUCCESS'")).isEqualTo(2);
        assertNoNotification();
    }

    @Test
    void connectionResetAndTruncatedBodyAreRetried() throws Exception {
        simulator.faults().resetConnectionOnNextRequest();
        syncOk();
        simulator.faults().truncateNextResponse(); // the /limits body
        assertSnapshotOf(syncOk());
        assertNoNotification();
    }

    @Test
    void persistentServerErrorFailsAfterMaxAttemptsAndAlertsOnce() throws Exception {
        simulator.faults().serverError(503, -1);
        long before = simulator.stats().restCalls();

        JsonNode sync = sync(502);

        assertThat(sync.at("/error/code").asText()).isEqualTo("HTTP_503");
        assertThat(simulator.stats().restCalls() - before).isEqualTo(4); // sync.retry.max-attempts
        assertThat(runtime.count("SELECT COUNT(*) FROM licence_snapshot")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM org_limit")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'FAILED' AND error_code = 'HTTP_503'")).isEqualTo(1);
        awaitNotifications(1);
        assertThat(receiver.accepted("/hook").get(0).json().get("rule").asText()).isEqualTo("sync-failing");
    }

    // ---- never retried ----

    @Test
    void requestLimitExceededIsNotRetried() throws Exception {
        syncOk();
        simulator.faults().requestLimitExceeded(true);
        long before = simulator.stats().restCalls();

        JsonNode sync = sync(502);

        assertThat(sync.at("/error/code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(sync.at("/error/hint").asText()).isNotBlank();
        assertThat(simulator.stats().restCalls() - before).isEqualTo(1);
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE sync_id = 1")).isPositive(); // previous snapshot stays
        awaitNotifications(1);
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        simulator.faults().restError("User", 1, 400, "MALFORMED_QUERY", "unexpected token: 'From'", 1);
        long before = simulator.stats().restCalls();

        JsonNode sync = sync(502);

        assertThat(sync.at("/error/code").asText()).isEqualTo("MALFORMED_QUERY");
        assertThat(simulator.stats().restCalls() - before).isEqualTo(1 + 3 + 2); // limits, 3 licence queries, User p0 + p1
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();
        awaitNotifications(1);
    }

    // ---- sessions ----

    @Test
    void sessionExpiredMidSyncLogsInOnceAndContinues() throws Exception {
        simulator.faults().expireSessionAfterRequests(4); // limits + 3 licence queries, then User fails once
        JsonNode sync = syncOk();
        assertThat(simulator.stats().tokenRequests()).isEqualTo(2);
        assertSnapshotOf(sync);
        assertNoNotification();
    }

    @Test
    void persistentInvalidSessionFailsWithItsDiagnosis() throws Exception {
        syncOk();
        simulator.faults().restError("User", 0, 401, "INVALID_SESSION_ID", "Session expired or invalid", -1);

        JsonNode sync = sync(502);

        assertThat(sync.at("/error/code").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(sync.at("/error/hint").asText()).isNotBlank();
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'FAILED'")).isEqualTo(1);
        assertThat(runtime.count("SELECT MAX(sync_id) FROM latest_licence")).isEqualTo(1);
        awaitNotifications(1);
    }

    // ---- API budget guard ----

    @Test
    void apiBudgetUnderTheReserveSkipsTheSyncWithoutAlerting() throws Exception {
        long first = syncOk().get("syncId").asLong();
        simulator.org().setLimit("DailyApiRequests", 15000, 1000); // 6.7 % left, reserve 10 %
        long before = simulator.stats().restCalls();

        JsonNode sync = sync(200);

        assertThat(sync.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(sync.at("/error/code").asText()).isEqualTo("API_BUDGET_RESERVE");
        assertThat(sync.at("/error/message").asText()).contains("DailyApiRequests remaining").contains("10%");
        assertThat(simulator.stats().restCalls() - before).isEqualTo(1); // /limits only
        long id = sync.get("syncId").asLong();
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE id = ? AND status = 'SKIPPED'"
                + " AND error_code = 'API_BUDGET_RESERVE'", id)).isEqualTo(1);
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_object WHERE sync_id = ?", id)).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = ?", id)).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM org_limit WHERE sync_id = ?", id)).isZero();
        assertThat(runtime.count("SELECT MAX(sync_id) FROM latest_licence")).isEqualTo(first);
        assertThat(RuntimeHarness.json(runtime.get("/api/status")).at("/lastSync/status").asText()).isEqualTo("SKIPPED");
        // a skipped sync is no failed sync for the alert rules
        assertNoNotification();
        simulator.org().setLimit("DailyApiRequests", 15000, 14000);
        syncOk();
        assertNoNotification();
    }

    // ---- bad records ----

    @Test
    void badRecordsAreKeptOrCountedAndTheSyncEndsPartial() throws Exception {
        SimulatedOrg org = simulator.org();
        String nullTotal = id(org, "UserLicense", 0);
        String textUsed = id(org, "UserLicense", 1);
        String unknownStatus = id(org, "UserLicense", 2);
        String noId = id(org, "PermissionSetLicense", 0);
        String overAllocated = id(org, "PermissionSetLicense", 1);
        String huge = id(org, "PackageLicense", 0);
        org.corruptRecord("UserLicense", nullTotal, "TotalLicenses", "null");
        org.corruptRecord("UserLicense", textUsed, "UsedLicenses", "\"many\"");
        org.corruptRecord("UserLicense", unknownStatus, "Status", "\"Frozen\"");
        org.corruptRecord("PermissionSetLicense", noId, "Id", "null");
        org.corruptRecord("PermissionSetLicense", overAllocated, "TotalLicenses", "5");
        org.corruptRecord("PermissionSetLicense", overAllocated, "UsedLicenses", "999999");
        org.corruptRecord("PackageLicense", huge, "AllowedLicenses", "1e30");
        org.corruptRecord("User", org.user(5).id(), "Unexpected__c", "{\"nested\":[1,2]}");
        org.corruptRecord("User", org.user(6).id(), "IsActive", "\"yes\"");

        JsonNode sync = sync(200);

        assertThat(sync.get("status").asText()).as(sync.toString()).isEqualTo("PARTIAL");
        assertThat(sync.get("rejected").toString())
                .isEqualTo("{\"UserLicense\":1,\"PermissionSetLicense\":1,\"PackageLicense\":1,\"User\":1}");
        long id = sync.get("syncId").asLong();
        assertThat(sync.at("/counts/User").asInt()).isEqualTo(USERS - 1);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isEqualTo(USERS - 1);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE id = ?", org.user(6).id())).isZero();
        assertThat(runtime.count("SELECT SUM(rejected_count) FROM sync_object WHERE sync_id = ?", id)).isEqualTo(4);
        assertThat(runtime.count("SELECT rejected_count FROM sync_object WHERE sync_id = ? AND object_name = 'User'", id))
                .isEqualTo(1);
        // kept where meaningful: the latest snapshot is this sync's, with the odd values as sent
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE sync_id = ?", id)).isEqualTo(
                org.records("UserLicense").size() + org.records("PermissionSetLicense").size()
                        + org.records("PackageLicense").size() - 3);
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE licence_id = ? AND total_licenses IS NULL",
                nullTotal)).isEqualTo(1);
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE licence_id = ? AND status = 'Frozen'",
                unknownStatus)).isEqualTo(1);
        assertThat(runtime.count("SELECT used_licenses - total_licenses FROM latest_licence WHERE licence_id = ?",
                overAllocated)).isEqualTo(999994);
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE licence_id IN (?, ?, ?)", textUsed, noId, huge))
                .isZero();
        JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
        assertThat(status.at("/lastSync/status").asText()).isEqualTo("PARTIAL");
        assertThat(status.at("/lastSync/rejected/User").asInt()).isEqualTo(1);
        assertThat(status.get("lastSuccessfulFetchAt").isNull()).isFalse();
        assertNoNotification(); // PARTIAL is no failed sync
    }

    static String id(SimulatedOrg org, String object, int index) {
        return (String) org.records(object).get(index).get("Id");
    }

    // ---- helpers ----

    JsonNode sync(int expectedStatus) throws Exception {
        HttpResponse<String> response = runtime.post("/api/sync");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return RuntimeHarness.json(response);
    }

    JsonNode syncOk() throws Exception {
        JsonNode sync = sync(200);
        assertThat(sync.get("status").asText()).as(sync.toString()).isEqualTo("SUCCESS");
        return sync;
    }

    /** The sync's rows are the latest snapshot, complete. */
    void assertSnapshotOf(JsonNode sync) throws Exception {
        long id = sync.get("syncId").asLong();
        SimulatedOrg org = simulator.org();
        assertThat(sync.at("/counts/User").asInt()).isEqualTo(USERS);
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE sync_id = ?", id)).isEqualTo(
                org.records("UserLicense").size() + org.records("PermissionSetLicense").size()
                        + org.records("PackageLicense").size());
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_org_limit WHERE sync_id = ?", id)).isPositive();
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isEqualTo(USERS);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isZero();
    }

    void awaitNotifications(int n) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted("/hook").size() >= n);
        // delivered exactly once: nothing pending, no second copy
        await().atMost(Duration.ofSeconds(5)).until(() ->
                runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE status <> 'DELIVERED'") == 0);
        assertThat(receiver.accepted("/hook")).hasSize(n);
    }

    void assertNoNotification() throws Exception {
        assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery")).isZero();
        assertThat(receiver.requests()).isEmpty();
    }
}
