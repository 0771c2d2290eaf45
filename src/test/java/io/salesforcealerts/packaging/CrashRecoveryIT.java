package io.salesforcealerts.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesforcealerts.alerts.WebhookReceiver;
import io.salesforcealerts.simulator.QueryGate;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.simulator.SimulatorCredentials;
import io.salesforcealerts.support.RuntimeHarness;
import io.salesforcealerts.support.TestAlertRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a separate process, killed with SIGKILL ({@link Process#destroyForcibly()})
 * mid-sync and mid-delivery, and stopped with SIGTERM ({@link Process#destroy()}) mid-sync; then
 * restarted on the same working directory (same H2 file) or its database read directly.
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target", "salesforce-alerts.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String TOKEN = "crash-it-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 20;
    private static final String RULES = TestAlertRules.SEATS;

    @TempDir
    Path workDir;

    private SalesforceSimulator simulator;
    private WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> started = new ArrayList<>();
    private int port;

    @BeforeEach
    void start() throws IOException {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(61L, 300));
        receiver = WebhookReceiver.start();
        Files.writeString(workDir.resolve("alert-rules.yaml"), RULES);
        port = RuntimeHarness.freePort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        simulator.faults().clear();
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        receiver.close();
        simulator.close();
    }

    @Test
    void killedMidSyncTheOrphanedRunIsAbortedAndThePreviousSnapshotStaysLatest() throws Exception {
        Process first = startJar();
        JsonNode firstSync = postSync();
        assertThat(firstSync.path("status").asText()).as(firstSync.toString()).isEqualTo("SUCCESS");
        String licencesBefore = get("/api/licenses").body();

        simulator.org().setUsedLicenses("Salesforce", 3); // would change the snapshot, were the sync to finish
        QueryGate gate = simulator.faults().holdQueries();
        CompletableFuture<HttpResponse<String>> inFlight = send("POST", "/api/sync");
        assertThat(gate.awaitHeld(Duration.ofSeconds(30))).as(output()).isTrue();
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(inFlight).failsWithin(Duration.ofSeconds(10));
        simulator.faults().clear();

        long orphan;
        try (Connection c = h2(); Statement st = c.createStatement()) {
            orphan = single(st, "SELECT id FROM sync_run WHERE status = 'RUNNING'");
            assertThat(single(st, "SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isEqualTo(1);
        }

        startJar();
        JsonNode status = json(get("/api/status"));
        assertThat(status.path("lastSync").path("syncId").asLong()).isEqualTo(orphan);
        assertThat(status.path("lastSync").path("status").asText()).isEqualTo("ABORTED");
        assertThat(get("/api/licenses").body()).isEqualTo(licencesBefore);

        JsonNode next = postSync();
        assertThat(next.path("status").asText()).as(next.toString()).isEqualTo("SUCCESS");
        assertThat(get("/api/licenses").body()).isNotEqualTo(licencesBefore);
        stopGracefully();

        try (Connection c = h2(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT COUNT(*) FROM sync_run WHERE id = " + orphan + " AND status = 'ABORTED'")).isEqualTo(1);
            assertThat(single(st, "SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = " + orphan)).isZero();
            assertThat(single(st, "SELECT COUNT(*) FROM org_limit WHERE sync_id = " + orphan)).isZero();
            assertThat(single(st, "SELECT COUNT(*) FROM sf_user_staging")).isZero();
            assertThat(single(st, "SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).isZero();
        }
    }

    @Test
    void killedMidDeliveryEveryPendingNotificationIsAcceptedExactlyOnceAfterRestart() throws Exception {
        simulator.org().setTotalLicenses("Salesforce", 100);
        simulator.org().setUsedLicenses("Salesforce", 95); // both rules fire: two webhook notifications
        receiver.hang();
        Process first = startJar();
        assertThat(postSync().path("status").asText()).isEqualTo("SUCCESS");
        // the first notification is on the wire, unanswered; the second waits behind it in the outbox
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/hook").size() == 1);
        first.destroyForcibly(); // SIGKILL mid-delivery
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> keys;
        try (Connection c = h2(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT COUNT(*) FROM alert_delivery WHERE channel = 'webhook' AND status = 'PENDING'"))
                    .isEqualTo(2);
            keys = strings(st, "SELECT idempotency_key FROM alert_delivery WHERE channel = 'webhook' ORDER BY id");
        }
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();

        receiver.release(); // healthy again
        startJar();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted("/hook").size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(get("/api/deliveries?status=pending")).isEmpty());
        assertThat(json(get("/api/deliveries?status=delivered")).findValuesAsText("channel")).containsOnly("webhook", "log")
                .filteredOn("webhook"::equals).hasSize(2);
        // later polls (every 100 ms) send nothing again
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.requests("/hook").size() == 3);
        Map<String, Long> acceptedPerKey = receiver.accepted("/hook").stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Request::idempotencyKey, Collectors.counting()));
        assertThat(acceptedPerKey).containsOnlyKeys(keys).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        Map<String, Long> firedPerFingerprint = receiver.accepted("/hook").stream()
                .collect(Collectors.groupingBy(r -> r.json().get("fingerprint").asText(), Collectors.counting()));
        assertThat(firedPerFingerprint).hasSize(2).allSatisfy((fp, n) -> assertThat(n).as(fp).isEqualTo(1));
        // the only other request is the one cut off by the kill, never answered
        assertThat(receiver.requests("/hook")).hasSize(3)
                .filteredOn(r -> r.answeredWith() != 200).singleElement()
                .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo(keys.get(0)));
    }

    @Test
    void sigtermMidSyncLetsTheSyncFinishWithinTheShutdownTimeout() throws Exception {
        Process process = startJar();
        assertThat(postSync().path("status").asText()).isEqualTo("SUCCESS");
        String licencesBefore = get("/api/licenses").body();
        simulator.org().setUsedLicenses("Salesforce", 7);
        QueryGate gate = simulator.faults().holdQueries();
        CompletableFuture<HttpResponse<String>> inFlight = send("POST", "/api/sync");
        assertThat(gate.awaitHeld(Duration.ofSeconds(30))).as(output()).isTrue();

        long sent = System.nanoTime();
        process.destroy(); // SIGTERM
        gate.release();
        assertThat(process.waitFor(SHUTDOWN_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)).as(output()).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertThat(took).as(output()).isLessThan(Duration.ofSeconds(SHUTDOWN_TIMEOUT_SECONDS));
        inFlight.handle((r, e) -> r).get(10, TimeUnit.SECONDS);

        String lastStatus;
        try (Connection c = h2(); Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'")).as(output()).isZero();
            assertThat(single(st, "SELECT COUNT(*) FROM sf_user_staging")).isZero();
            long last = single(st, "SELECT MAX(id) FROM sync_run");
            lastStatus = strings(st, "SELECT status FROM sync_run WHERE id = " + last).get(0);
            // released right after SIGTERM, the sync finishes: Camel waits for it (rolled back would be FAILED, no rows)
            assertThat(lastStatus).as(output()).isIn("SUCCESS", "FAILED");
            assertThat(lastStatus).as(output()).isEqualTo("SUCCESS");
            long first = single(st, "SELECT MIN(id) FROM sync_run");
            long latestComplete = single(st, "SELECT MAX(id) FROM sync_run WHERE status IN ('SUCCESS', 'PARTIAL')");
            assertThat(latestComplete).isEqualTo(lastStatus.equals("SUCCESS") ? last : first);
            // the latest complete snapshot has all its licences; a rolled-back run has none
            assertThat(single(st, "SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = " + latestComplete))
                    .isEqualTo(single(st, "SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = " + first));
            if (lastStatus.equals("FAILED")) {
                assertThat(single(st, "SELECT COUNT(*) FROM licence_snapshot WHERE sync_id = " + last)).isZero();
            }
        }
        // and the runtime starts again cleanly on that database, serving that snapshot
        startJar();
        String licencesAfter = get("/api/licenses").body();
        if (lastStatus.equals("SUCCESS")) {
            assertThat(licencesAfter).isNotEqualTo(licencesBefore);
        } else {
            assertThat(licencesAfter).isEqualTo(licencesBefore);
        }
        stopGracefully();
    }

    // ---- helpers ----

    private Process startJar() throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx256m",
                "-Dsync.on-startup=false", "-Dsync.schedule=0 0 0 1 1 ? 2099",
                "-Dsync.retry.initial-delay-ms=20", "-Dsync.retry.max-delay-ms=100",
                "-Dsalesforce.query-batch-size=200",
                "-Dcamel.main.shutdown-timeout=" + SHUTDOWN_TIMEOUT_SECONDS,
                "-Dalerts.webhook.url=" + receiver.url("/hook"),
                "-Dalerts.delivery.poll-interval=100",
                "-Dalerts.delivery.initial-backoff=100ms", "-Dalerts.delivery.max-backoff=400ms",
                "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("out.log").toFile()));
        SimulatorCredentials c = simulator.org().credentials();
        Map<String, String> env = builder.environment();
        env.put("SALESFORCE_LOGIN_URL", simulator.baseUrl());
        env.put("SALESFORCE_CONSUMER_KEY", c.consumerKey());
        env.put("SALESFORCE_CONSUMER_SECRET", c.consumerSecret());
        env.put("SALESFORCE_USERNAME", c.username());
        env.put("SALESFORCE_PASSWORD", c.password());
        env.put("SALESFORCE_SECURITY_TOKEN", c.securityToken());
        env.put("CAMEL_SERVER_PORT", String.valueOf(port));
        env.put("API_TOKEN", TOKEN);
        Process process = builder.start();
        started.add(process);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as(output()).isTrue();
            return get("/api/status").statusCode() == 200;
        });
        return process;
    }

    private void stopGracefully() throws InterruptedException {
        Process last = started.get(started.size() - 1);
        last.destroy();
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private JsonNode postSync() throws Exception {
        return json(send("POST", "/api/sync").get(120, TimeUnit.SECONDS));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path).get(30, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private Connection h2() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data").resolve("salesforce-alerts"), "sa", "");
    }

    private static long single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Statement st, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private String output() {
        try {
            String all = Files.readString(workDir.resolve("out.log"), StandardCharsets.UTF_8);
            return all.length() > 8000 ? all.substring(all.length() - 8000) : all;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
