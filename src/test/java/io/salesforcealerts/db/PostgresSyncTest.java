package io.salesforcealerts.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same migrations and SQL against a real PostgreSQL (the production database). */
class PostgresSyncTest {

    @TempDir
    Path dataDir;

    @Test
    void syncsUpsertsAndKeepsTheLastSnapshotOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(RuntimeHarness.freePort()).start();
                SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(5L, 1_200))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            props.put("db.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("db.username", "postgres");
            props.put("salesforce.query-batch-size", "500");
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
                simulator.org().deactivateUser(3);
                HttpResponse<String> second = runtime.post("/api/sync");
                assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
                long secondId = RuntimeHarness.json(second).get("syncId").asLong();
                // the second sync is incremental: the watermark is read and advanced on PostgreSQL too
                assertThat(RuntimeHarness.json(second).get("usersMode").asText()).isEqualTo("INCREMENTAL");
                assertThat(RuntimeHarness.json(second).get("counts").get("User").asInt()).isLessThan(1_200);
                assertThat(runtime.count("SELECT COUNT(*) FROM sync_watermark WHERE sync_id = ? AND watermark IS NOT NULL",
                        secondId)).isEqualTo(1);

                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isEqualTo(1_200);
                // only the changed user is rewritten by the second sync
                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE changed_sync_id = ?", secondId)).isEqualTo(1);
                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE id = ? AND NOT is_active",
                        simulator.org().user(3).id())).isEqualTo(1);

                simulator.faults().restError("User", 0, 503, "SERVER_UNAVAILABLE", "try later", 100);
                assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(502);
                assertThat(runtime.count("SELECT MIN(sync_id) FROM latest_licence")).isEqualTo(secondId);
                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();

                JsonNode licences = RuntimeHarness.json(runtime.get("/api/licenses"));
                assertThat(licences.size()).isPositive();
                assertThat(licences.get(0).get("capturedAt").asText()).endsWith("Z");
                JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
                assertThat(status.get("lastSync").get("status").asText()).isEqualTo("FAILED");
                assertThat(status.get("lastSuccessfulFetchAt").asText()).endsWith("Z");
            }
        }
    }
}
