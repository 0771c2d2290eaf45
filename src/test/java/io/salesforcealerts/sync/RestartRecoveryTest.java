package io.salesforcealerts.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;

import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync cut off by a stop of the process is marked ABORTED at the next start and never becomes visible. */
class RestartRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void aSyncLeftRunningIsAbortedAtStartAndThePreviousSnapshotStays() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(9L, 400))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            String licencesBefore;
            long interrupted;
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
                licencesBefore = runtime.get("/api/licenses").body();
                // what a process killed mid-sync leaves behind: a RUNNING run with some of its rows written
                try (Connection c = runtime.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO sync_run (org_id, trigger_source, status, started_at) VALUES ('"
                            + simulator.org().orgId() + "', 'schedule', 'RUNNING', CURRENT_TIMESTAMP)",
                            Statement.RETURN_GENERATED_KEYS);
                    try (var keys = st.getGeneratedKeys()) {
                        keys.next();
                        interrupted = keys.getLong(1);
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO licence_snapshot (sync_id, org_id, "
                            + "licence_type, licence_id, name, total_licenses, used_licenses, captured_at) "
                            + "VALUES (?, ?, 'UserLicense', '100000000000001', 'Half written', 1, 1, CURRENT_TIMESTAMP)")) {
                        ps.setLong(1, interrupted);
                        ps.setString(2, simulator.org().orgId());
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO sf_user_staging (sync_id, id, username) VALUES (?, '005000000000001', 'x')")) {
                        ps.setLong(1, interrupted);
                        ps.executeUpdate();
                    }
                }
            }
            try (RuntimeHarness restarted = RuntimeHarness.start(props)) {
                assertThat(restarted.count("SELECT COUNT(*) FROM sync_run WHERE id = ? AND status = 'ABORTED'", interrupted))
                        .isEqualTo(1);
                assertThat(restarted.count("SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = ?", interrupted)).isZero();
                assertThat(restarted.count("SELECT COUNT(*) FROM sf_user_staging")).isZero();
                assertThat(restarted.get("/api/licenses").body()).isEqualTo(licencesBefore);
                assertThat(RuntimeHarness.json(restarted.get("/api/status")).get("lastSync").get("status").asText())
                        .isEqualTo("ABORTED");
            }
        }
    }
}
