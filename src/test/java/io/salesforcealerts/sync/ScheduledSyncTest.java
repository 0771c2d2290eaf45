package io.salesforcealerts.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Quartz schedule and the at-start sync both go through direct:sync. */
class ScheduledSyncTest {

    @TempDir
    Path dataDir;

    @Test
    void theScheduleTriggersSyncs() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(3L, 300))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            props.put("sync.schedule", "0/2 * * * * ?");
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> runtime.count(
                        "SELECT COUNT(*) FROM sync_run WHERE trigger_source = 'schedule' AND status = 'SUCCESS'") >= 2);
                JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
                assertThat(status.get("lastSuccessfulFetchAt").asText()).endsWith("Z");
                assertThat(status.get("orgId").asText()).isEqualTo(simulator.org().orgId());
                assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isEqualTo(300);
            }
        }
    }

    @Test
    void aSyncRunsAtStartAndNoScheduledSyncWhenDisabled() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(3L, 300))) {
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            props.put("sync.on-startup", "true");
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> runtime.count(
                        "SELECT COUNT(*) FROM sync_run WHERE trigger_source = 'startup' AND status = 'SUCCESS'") == 1);
            }
            props.put("sync.enabled", "false");
            props.put("sync.schedule", "0/1 * * * * ?");
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                assertThat(runtime.context().getRouteController().getRouteStatus("sync-scheduled").isStarted()).isFalse();
                JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
                assertThat(status.get("enabled").asBoolean()).isFalse();
                // a manual sync still works when the schedule is off
                assertThat(runtime.post("/api/sync").statusCode()).isEqualTo(200);
                assertThat(runtime.count("SELECT COUNT(*) FROM sync_run WHERE trigger_source IN ('startup', 'schedule')"))
                        .isEqualTo(1);
            }
        }
    }
}
