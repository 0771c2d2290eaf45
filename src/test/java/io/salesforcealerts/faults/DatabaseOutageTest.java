package io.salesforcealerts.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.alerts.WebhookReceiver;
import io.salesforcealerts.simulator.QueryGate;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away in the middle of a sync (an H2 server stopped) and comes back. */
class DatabaseOutageTest {

    @TempDir
    Path dataDir;

    @Test
    void databaseDownMidSyncFailsCleanlyAndTheNextSyncSucceeds() throws Exception {
        int dbPort = RuntimeHarness.freePort();
        Server db = startDatabase(dbPort);
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(23L, FaultInjectionTest.USERS));
                WebhookReceiver receiver = WebhookReceiver.start()) {
            Map<String, String> p = FaultInjectionTest.properties(simulator, receiver, dataDir);
            p.put("db.url", "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/salesforce-alerts");
            p.put("db.connection-timeout-ms", "500");
            try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
                long first = RuntimeHarness.json(runtime.post("/api/sync")).get("syncId").asLong();

                QueryGate gate = simulator.faults().holdQueries();
                CompletableFuture<HttpResponse<String>> pending = CompletableFuture.supplyAsync(() -> {
                    try {
                        return runtime.post("/api/sync");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(gate.awaitHeld(Duration.ofSeconds(10))).isTrue(); // limits written, first query held
                db.stop();
                gate.release();

                HttpResponse<String> failed = pending.get(60, TimeUnit.SECONDS);
                assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
                JsonNode body = RuntimeHarness.json(failed);
                assertThat(body.get("status").asText()).isEqualTo("FAILED");
                assertThat(body.at("/error/code").asText()).isEqualTo("DATABASE_ERROR");
                long second = body.get("syncId").asLong();

                // the runtime stays up while the database is away
                assertThat(runtime.get("/observe/health").statusCode()).isIn(200, 503);

                db = startDatabase(dbPort);
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                    HttpResponse<String> r = runtime.post("/api/sync");
                    return r.statusCode() == 200 && RuntimeHarness.json(r).get("status").asText().equals("SUCCESS");
                });

                long third = runtime.count("SELECT MAX(id) FROM sync_run WHERE status = 'SUCCESS'");
                assertThat(third).isGreaterThan(second).isGreaterThan(first);
                // nothing half-written of the failed sync stays
                assertThat(runtime.count("SELECT COUNT(*) FROM org_limit WHERE sync_id = ?", second)).isZero();
                assertThat(runtime.count("SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = ?", second)).isZero();
                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();
                assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isZero();
                assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE id = ? AND status IN ('FAILED', 'ABORTED')",
                        second)).isEqualTo(1);
                assertThat(runtime.count("SELECT MAX(sync_id) FROM latest_licence")).isEqualTo(third);
                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isEqualTo(FaultInjectionTest.USERS);
                // the failure could not be recorded, so no failed-sync alert is owed; nothing is pending or doubled
                assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE status = 'PENDING'")).isZero();
                assertThat(receiver.accepted("/hook")).hasSizeLessThanOrEqualTo(1);
            }
        } finally {
            db.stop();
        }
    }

    @Test
    void aPendingDeliveryStaysInTheOutboxThroughAnOutageAndIsDeliveredOnce() throws Exception {
        int dbPort = RuntimeHarness.freePort();
        Server db = startDatabase(dbPort);
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(29L, FaultInjectionTest.USERS));
                WebhookReceiver receiver = WebhookReceiver.start()) {
            Map<String, String> p = FaultInjectionTest.properties(simulator, receiver, dataDir);
            p.put("db.url", "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/salesforce-alerts");
            p.put("db.connection-timeout-ms", "500");
            try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
                // a failed sync fires sync-failing; its notification hangs at the receiver
                receiver.hang();
                simulator.faults().loginError("invalid_client", "invalid client credentials");
                assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(502);
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests("/hook").size() >= 1);
                String key = receiver.requests("/hook").get(0).idempotencyKey();

                // the database goes away while the delivery is in flight; the attempt then fails too
                db.stop();
                receiver.release();
                db = startDatabase(dbPort);
                simulator.faults().clear();

                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted("/hook").size() == 1);
                await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                        .until(() -> receiver.accepted("/hook").size() == 1);
                assertThat(receiver.accepted("/hook").get(0).idempotencyKey()).isEqualTo(key);
                assertThat(receiver.accepted("/hook").get(0).json().get("state").asText()).isEqualTo("firing");
                // the webhook row and the log-channel row of this critical alert: both delivered, none pending or dead
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> runtime.count(
                        "SELECT COUNT(*) FROM alert_delivery WHERE status <> 'DELIVERED'") == 0);
                assertThat(runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE status = 'PENDING'")).isZero();
            }
        } finally {
            db.stop();
        }
    }

    private Server startDatabase(int port) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dataDir.resolve("h2").toString(),
                "-ifNotExists").start();
    }
}
