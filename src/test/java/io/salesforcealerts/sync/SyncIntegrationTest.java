package io.salesforcealerts.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.QueryGate;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimUser;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole runtime against the simulator: real camel-salesforce, real H2, real HTTP. */
class SyncIntegrationTest {

    private static final int USERS = 5_000;

    @TempDir
    Path dataDir;

    private SalesforceSimulator simulator;
    private RuntimeHarness runtime;

    @BeforeEach
    void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(7L, USERS));
        Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
        props.put("salesforce.query-batch-size", "200");
        // full fetches on every sync: paging, snapshots and failures of a full sync (incremental: IncrementalUserSyncTest)
        props.put("sync.users.full-refresh", "0");
        runtime = RuntimeHarness.start(props);
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        simulator.close();
    }

    @Test
    void fullSyncFollowsEveryPageAndStoresEveryObject() throws Exception {
        HttpResponse<String> response = runtime.post("/api/sync");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RuntimeHarness.json(response);
        SimulatedOrg org = simulator.org();
        assertThat(body.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("orgId").asText()).isEqualTo(org.orgId());
        assertThat(body.get("counts").get("User").asInt()).isEqualTo(USERS);
        assertThat(body.get("counts").get("UserLicense").asInt()).isEqualTo(org.records("UserLicense").size());
        assertThat(body.get("counts").get("PermissionSetLicense").asInt()).isEqualTo(org.records("PermissionSetLicense").size());
        assertThat(body.get("counts").get("PackageLicense").asInt()).isEqualTo(org.records("PackageLicense").size());
        assertThat(body.get("counts").get("Limits").asInt()).isGreaterThan(10);
        assertThat(body.get("skipped").size()).isZero();

        // 5,000 users at 200 a page: one query and 24 queryMore calls for User alone
        assertThat(simulator.stats().queryMoreCalls()).isEqualTo(USERS / 200 - 1);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE org_id = ?", org.orgId())).isEqualTo(USERS);
        assertThat(runtime.count("SELECT COUNT(DISTINCT id) FROM sf_user")).isEqualTo(USERS);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence")).isEqualTo(org.records("UserLicense").size()
                + org.records("PermissionSetLicense").size() + org.records("PackageLicense").size());
        assertThat(runtime.count("SELECT remaining FROM latest_org_limit WHERE name = 'DailyApiRequests'"))
                .isPositive();
    }

    @Test
    void usersAreMappedFieldByField() throws Exception {
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);

        int checked = 0;
        for (int i = 0; i < USERS; i += 499) {
            SimUser expected = simulator.org().user(i);
            try (Connection c = runtime.dataSource().getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT * FROM sf_user WHERE id = ?")) {
                ps.setString(1, expected.id());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("user %s stored", expected.id()).isTrue();
                    assertThat(rs.getString("org_id")).isEqualTo(simulator.org().orgId());
                    assertThat(rs.getString("username")).isEqualTo(expected.username());
                    assertThat(rs.getString("name")).isEqualTo(expected.name());
                    assertThat(rs.getBoolean("is_active")).isEqualTo(expected.isActive());
                    assertThat(rs.getString("user_type")).isEqualTo(expected.userType());
                    assertThat(rs.getString("licence_name")).isEqualTo(expected.userLicenseName());
                    OffsetDateTime lastLogin = rs.getObject("last_login_at", OffsetDateTime.class);
                    if (expected.lastLoginDate() == null) {
                        assertThat(lastLogin).isNull();
                    } else {
                        assertThat(lastLogin.toInstant()).isEqualTo(expected.lastLoginDate().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(5);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE last_login_at IS NULL")).isPositive();
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE is_active = FALSE")).isPositive();
    }

    @Test
    void licencesAreMappedFieldByFieldAndServedAsTheLatestSnapshot() throws Exception {
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);

        JsonNode licences = RuntimeHarness.json(runtime.get("/api/licenses"));
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> r : simulator.org().records("UserLicense")) {
            JsonNode l = find(licences, "UserLicense", (String) r.get("Id"));
            assertThat(l.get("key").asText()).isEqualTo(r.get("LicenseDefinitionKey"));
            assertThat(l.get("name").asText()).isEqualTo(r.get("MasterLabel"));
            assertThat(l.get("total").asInt()).isEqualTo(((Number) r.get("TotalLicenses")).intValue());
            assertThat(l.get("used").asInt()).isEqualTo(((Number) r.get("UsedLicenses")).intValue());
            assertThat(l.get("status").asText()).isEqualTo(r.get("Status"));
            int total = ((Number) r.get("TotalLicenses")).intValue();
            int used = ((Number) r.get("UsedLicenses")).intValue();
            if (total > 0) {
                assertThat(l.get("available").asInt()).isEqualTo(total - used);
                assertThat(l.get("utilization").asDouble()).isCloseTo((double) used / total, org.assertj.core.data.Offset.offset(0.0001));
            } else {
                assertThat(l.get("utilization").isNull()).isTrue();
                assertThat(l.get("available").isNull()).isTrue();
            }
            assertThat(l.get("expiresAt").isNull()).isTrue();
            assertThat(l.get("capturedAt").asText()).endsWith("Z");
            seen.add(l.get("type").asText());
        }
        for (Map<String, Object> r : simulator.org().records("PermissionSetLicense")) {
            JsonNode l = find(licences, "PermissionSetLicense", (String) r.get("Id"));
            assertThat(l.get("key").asText()).isEqualTo(r.get("DeveloperName"));
            assertThat(l.get("name").asText()).isEqualTo(r.get("MasterLabel"));
            assertThat(l.get("total").asInt()).isEqualTo(((Number) r.get("TotalLicenses")).intValue());
            assertThat(l.get("used").asInt()).isEqualTo(((Number) r.get("UsedLicenses")).intValue());
            assertThat(l.get("status").asText()).isEqualTo(r.get("Status"));
            Object expiry = r.get("ExpirationDate");
            if (expiry == null) {
                assertThat(l.get("expiresAt").isNull()).isTrue();
            } else {
                assertThat(l.get("expiresAt").asText()).isEqualTo(expiry + "T00:00:00Z");
            }
            seen.add(l.get("type").asText());
        }
        for (Map<String, Object> r : simulator.org().records("PackageLicense")) {
            JsonNode l = find(licences, "PackageLicense", (String) r.get("Id"));
            assertThat(l.get("key").asText()).isEqualTo(r.get("NamespacePrefix"));
            assertThat(l.get("total").asInt()).isEqualTo(((Number) r.get("AllowedLicenses")).intValue());
            assertThat(l.get("used").asInt()).isEqualTo(((Number) r.get("UsedLicenses")).intValue());
            assertThat(l.get("status").asText()).isEqualTo(r.get("Status"));
            if (((Number) r.get("AllowedLicenses")).intValue() < 0) {
                assertThat(l.get("utilization").isNull()).as("site-wide licence").isTrue();
            }
            seen.add(l.get("type").asText());
        }
        assertThat(licences.size()).isEqualTo(seen.size());
        assertThat(RuntimeHarness.json(runtime.get("/api/licenses?type=PackageLicense")).size())
                .isEqualTo(simulator.org().records("PackageLicense").size());
    }

    @Test
    void aFailureOnALaterPageLeavesThePreviousSnapshotIntact() throws Exception {
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
        String before = runtime.get("/api/licenses").body();
        String salesforceLicence = "Salesforce";
        simulator.org().setUsedLicenses(salesforceLicence, 1);
        simulator.faults().restError("User", 3, 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred.", 100);

        HttpResponse<String> failed = runtime.post("/api/sync");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
        JsonNode body = RuntimeHarness.json(failed);
        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("error").get("code").asText()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(body.get("error").get("message").asText()).contains("An unexpected error occurred.");
        long failedId = body.get("syncId").asLong();
        assertThat(runtime.get("/api/licenses").body()).isEqualTo(before);
        assertThat(runtime.count("SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = ?", failedId)).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM org_limit WHERE sync_id = ?", failedId)).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE changed_sync_id = ?", failedId)).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'FAILED'")).isEqualTo(1);

        JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
        assertThat(status.get("lastSync").get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("lastSync").get("error").get("code").asText()).isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(status.get("lastSuccessfulFetchAt").isNull()).isFalse();

        // the runtime stays up: the next sync, with Salesforce healthy again, publishes the new numbers
        simulator.faults().clear();
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
        assertThat(find(RuntimeHarness.json(runtime.get("/api/licenses")), "UserLicense", salesforceLicenceId()).get("used").asInt())
                .isEqualTo(1);
    }

    @Test
    void concurrentSyncRequestsRunOneAndAnswerTheRestWith409() throws Exception {
        QueryGate gate = simulator.faults().holdQueries();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return runtime.post("/api/sync");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(gate.awaitHeld(Duration.ofSeconds(30))).isTrue();

        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return runtime.post("/api/sync");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<String>> other : others) {
            HttpResponse<String> response = other.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            JsonNode body = RuntimeHarness.json(response);
            assertThat(body.get("status").asText()).isEqualTo("RUNNING");
            assertThat(body.get("syncId").asLong()).isPositive();
        }
        assertThat(RuntimeHarness.json(runtime.get("/api/status")).get("running").asBoolean()).isTrue();
        gate.release();

        HttpResponse<String> winner = first.get(120, TimeUnit.SECONDS);
        assertThat(winner.statusCode()).as(winner.body()).isEqualTo(200);
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run")).isEqualTo(1);
        assertThat(RuntimeHarness.json(runtime.get("/api/status")).get("running").asBoolean()).isFalse();
    }

    @Test
    void aMissingOrForbiddenObjectIsSkippedNotFatal() throws Exception {
        simulator.org().removeObject("PackageLicense");
        simulator.org().denyObject("PermissionSetLicense");

        HttpResponse<String> response = runtime.post("/api/sync");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RuntimeHarness.json(response);
        assertThat(body.get("skipped").get("PackageLicense").asText()).startsWith("INVALID_TYPE");
        assertThat(body.get("skipped").get("PermissionSetLicense").asText()).startsWith("INSUFFICIENT_ACCESS");
        assertThat(body.get("counts").has("PackageLicense")).isFalse();
        assertThat(body.get("counts").get("User").asInt()).isEqualTo(USERS);
        assertThat(runtime.count("SELECT COUNT(*) FROM latest_licence WHERE licence_type = 'PackageLicense'")).isZero();
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_object WHERE status = 'SKIPPED'")).isEqualTo(2);
        JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
        assertThat(status.get("lastSync").get("skipped").get("PackageLicense").asText()).startsWith("INVALID_TYPE");
    }

    @Test
    void wrongCredentialsFailEachSyncWithoutStoppingTheRuntime() throws Exception {
        simulator.faults().loginError("invalid_grant", "authentication failure");

        HttpResponse<String> response = runtime.post("/api/sync");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = RuntimeHarness.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_grant");
        assertThat(error.get("message").asText()).isEqualTo("authentication failure");
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(502);
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'FAILED' AND error_code = 'invalid_grant'"))
                .isEqualTo(2);

        simulator.faults().clearLoginError();
        assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
    }

    private String salesforceLicenceId() {
        return simulator.org().records("UserLicense").stream()
                .filter(r -> "Salesforce".equals(r.get("Name")))
                .map(r -> (String) r.get("Id")).findFirst().orElseThrow();
    }

    private static JsonNode find(JsonNode licences, String type, String id) {
        for (JsonNode l : licences) {
            if (type.equals(l.get("type").asText()) && id.equals(l.get("id").asText())) {
                return l;
            }
        }
        throw new AssertionError(type + " " + id + " not in " + licences);
    }
}
