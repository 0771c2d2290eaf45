package io.salesforcealerts.benchmark;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.salesforcealerts.alerts.WebhookReceiver;
import io.salesforcealerts.simulator.OrgLimit;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.simulator.SimulatorFaults;
import io.salesforcealerts.support.RuntimeHarness;
import io.salesforcealerts.support.TestAlertRules;

/**
 * Soak run: N syncs (default 500) in a loop through the real runtime, in-process, against a small
 * simulated org, each with a random fault from the simulator's switches, alert notifications going
 * to a {@link WebhookReceiver} that now and then answers 503. Prints syncs by status, lost and
 * duplicated notifications (outbox against what the receiver accepted, per Idempotency-Key), open
 * JDBC connections, live threads and heap after GC at the start and the end. Exits 1 if a notification
 * was lost or duplicated, or connections or threads leaked. Not a test: {@code mvn -B -Psoak verify}
 * (options: -Dsoak.syncs=500 -Dsoak.users=200 -Dsoak.seed=1).
 */
public final class SoakRun {

    private static final String RULES = TestAlertRules.SEATS + """
              - id: sync-failing
                description: Syncs fail
                severity: warning
                metric: sync-consecutive-failures
                condition: ">= 2"
                channels: [webhook]
            """;

    private static final String[] FAULTS = {"none", "serverError-transient", "serverError-persistent", "restError-page",
            "expireSessions", "truncateNextResponse", "resetConnectionOnNextRequest", "loginError", "budget-setLimit",
            "requestLimitExceeded", "receiver-503"};

    public static void main(String[] args) throws Exception {
        int syncs = Integer.getInteger("soak.syncs", 500);
        int users = Integer.getInteger("soak.users", 200);
        Random random = new Random(Long.getLong("soak.seed", 1L));
        Path dataDir = Files.createTempDirectory("soak-run");
        Path rules = dataDir.resolve("alert-rules.yaml");
        Files.writeString(rules, RULES);
        Map<String, Integer> faults = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Map<String, Integer>> byFault = new TreeMap<>();
        long started = System.nanoTime();
        boolean ok;
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(7L, users));
             WebhookReceiver receiver = WebhookReceiver.start()) {
            simulator.org().setTotalLicenses("Salesforce", 100);
            simulator.org().setUsedLicenses("Salesforce", 50);
            OrgLimit api = simulator.org().limit("DailyApiRequests");
            Map<String, String> p = RuntimeHarness.defaults(simulator, dataDir);
            p.put("alerts.rules-file", rules.toString());
            p.put("alerts.webhook.url", receiver.url("/hook"));
            p.put("alerts.delivery.poll-interval", "50");
            p.put("alerts.delivery.initial-backoff", "50ms");
            p.put("alerts.delivery.max-backoff", "200ms");
            p.put("salesforce.query-batch-size", "200");
            try (RuntimeHarness runtime = RuntimeHarness.start(p)) {
                HikariPoolMXBean pool = ((HikariDataSource) runtime.dataSource()).getHikariPoolMXBean();
                sync(runtime); // warm-up: pools, sessions and caches exist before the baseline
                awaitDeliveries(runtime);
                Snapshot start = Snapshot.take(pool);
                Snapshot steady = start;
                int steadyAt = Math.min(100, syncs / 2);
                for (int i = 1; i <= syncs; i++) {
                    if (i % 7 == 0) { // the seat alerts fire and resolve now and then
                        simulator.org().setUsedLicenses("Salesforce", random.nextBoolean() ? 95 : 50);
                    }
                    String fault = FAULTS[random.nextInt(FAULTS.length)];
                    faults.merge(fault, 1, Integer::sum);
                    inject(fault, simulator, receiver, random);
                    String status = sync(runtime);
                    statuses.merge(status, 1, Integer::sum);
                    byFault.computeIfAbsent(fault, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
                    simulator.faults().clear();
                    simulator.org().setLimit("DailyApiRequests", api.max(), api.max());
                    if (i == steadyAt) { // bounded pools (HTTP clients, vert.x workers, simulator) have filled by now
                        steady = Snapshot.take(pool);
                    }
                    if (i % 100 == 0) {
                        System.out.printf("%d syncs, %s%n", i, statuses);
                    }
                }
                awaitDeliveries(runtime);
                Snapshot end = Snapshot.take(pool);
                Delivery d = compare(runtime, receiver);
                double seconds = (System.nanoTime() - started) / 1e9;

                System.out.println("==== soak run ====");
                System.out.printf("syncs: %d in %.1f s (%d users, seed %s)%n", syncs, seconds, users,
                        Long.getLong("soak.seed", 1L));
                System.out.println("faults injected: " + faults);
                System.out.println("syncs by status: " + statuses);
                System.out.println("syncs by fault and status: " + byFault);
                System.out.println("failed syncs by error code: " + countBy(runtime,
                        "SELECT error_code, COUNT(*) FROM sync_run WHERE status = 'FAILED' GROUP BY error_code"));
                System.out.println("sync_run rows by status (incl. warm-up): " + countBy(runtime,
                        "SELECT status, COUNT(*) FROM sync_run GROUP BY status"));
                System.out.println("outbox rows by channel/status: " + countBy(runtime,
                        "SELECT channel || '/' || status, COUNT(*) FROM alert_delivery GROUP BY channel, status"));
                System.out.printf("webhook notifications: %d in the outbox, %d accepted by the receiver (%d requests, "
                        + "%d answered 503); lost %d, duplicated %d, unknown %d, still pending %d%n", d.outbox, d.accepted,
                        d.requests, d.refused, d.lost, d.duplicated, d.unknown, d.pending);
                System.out.printf("JDBC connections: active %d -> %d, total %d -> %d (pool max %d)%n",
                        start.activeConnections, end.activeConnections, start.totalConnections, end.totalConnections,
                        ((HikariDataSource) runtime.dataSource()).getMaximumPoolSize());
                System.out.printf("live threads: %d at start -> %d after %d syncs -> %d at end (JVM-wide: runtime,"
                        + " simulator and receiver)%n", start.threads, steady.threads, steadyAt, end.threads);
                Map<String, Long> grown = new TreeMap<>();
                end.threadGroups.forEach((name, n) -> {
                    long before = start.threadGroups.getOrDefault(name, 0L);
                    if (n != before) {
                        grown.put(name, n - before);
                    }
                });
                start.threadGroups.forEach((name, n) -> grown.putIfAbsent(name, end.threadGroups.containsKey(name) ? 0 : -n));
                grown.values().removeIf(v -> v == 0);
                System.out.println("thread count change start -> end by name: " + grown);
                System.out.printf("heap after GC: %d KiB at start -> %d KiB after %d syncs -> %d KiB at end (max %d MiB)%n",
                        start.heapAfterGc >> 10, steady.heapAfterGc >> 10, steadyAt, end.heapAfterGc >> 10,
                        Runtime.getRuntime().maxMemory() >> 20);
                ok = d.lost == 0 && d.duplicated == 0 && d.unknown == 0 && d.pending == 0
                        && end.activeConnections <= start.activeConnections && end.threads <= steady.threads + 5;
                System.out.println(ok ? "RESULT: OK" : "RESULT: PROBLEM");
            }
        }
        System.exit(ok ? 0 : 1); // after the runtime has stopped
    }

    private static void inject(String fault, SalesforceSimulator simulator, WebhookReceiver receiver, Random random) {
        SimulatorFaults f = simulator.faults();
        String[] objects = {"UserLicense", "PermissionSetLicense", "PackageLicense", "User"};
        switch (fault) {
            case "serverError-transient" -> f.serverError(new int[] {500, 502, 503, 504}[random.nextInt(4)], 1 + random.nextInt(2));
            case "serverError-persistent" -> f.serverError(503, 50);
            case "restError-page" -> f.restError(objects[random.nextInt(objects.length)], 0, 500, "UNKNOWN_EXCEPTION",
                    "soak", 1 + random.nextInt(2));
            case "expireSessions" -> f.expireSessionAfterRequests(1 + random.nextInt(4));
            case "truncateNextResponse" -> f.truncateNextResponse();
            case "resetConnectionOnNextRequest" -> f.resetConnectionOnNextRequest();
            case "loginError" -> {
                f.loginError("invalid_grant", "authentication failure");
                f.expireSessions();
            }
            case "budget-setLimit" -> simulator.org().setLimit("DailyApiRequests", 15000, random.nextInt(1500));
            case "requestLimitExceeded" -> f.requestLimitExceeded(true);
            case "receiver-503" -> { // a seat alert changes state, and its notification meets 503s first
                receiver.answerNext(503, 503);
                simulator.org().setUsedLicenses("Salesforce", seatsUsed(simulator) >= 90 ? 50 : 95);
            }
            default -> {
            }
        }
    }

    private static int seatsUsed(SalesforceSimulator simulator) {
        return simulator.org().records("UserLicense").stream().filter(r -> "Salesforce".equals(r.get("Name")))
                .map(r -> ((Number) r.get("UsedLicenses")).intValue()).findFirst().orElse(0);
    }

    private static String sync(RuntimeHarness runtime) throws Exception {
        HttpResponse<String> response = runtime.post("/api/sync");
        JsonNode body = RuntimeHarness.json(response);
        String status = body.path("status").asText(null);
        if (status == null && body.isArray() && body.size() > 0) {
            status = body.get(0).path("status").asText(null);
        }
        return status == null ? "HTTP " + response.statusCode() : status;
    }

    /** Waits (bounded) until no webhook row is pending: the receiver answers 200 once the faults are cleared. */
    private static void awaitDeliveries(RuntimeHarness runtime) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (runtime.count("SELECT COUNT(*) FROM alert_delivery WHERE status = 'PENDING'") > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100); // not a test: a plain poll
        }
    }

    private record Delivery(long outbox, long accepted, long requests, long refused, long lost, long duplicated,
                            long unknown, long pending) {
    }

    /** Per Idempotency-Key: a DELIVERED row must have been accepted exactly once, a DEAD one never. */
    private static Delivery compare(RuntimeHarness runtime, WebhookReceiver receiver) throws Exception {
        Map<String, String> outbox = new HashMap<>();
        try (Connection c = runtime.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT idempotency_key, status FROM alert_delivery WHERE channel = 'webhook'")) {
            while (rs.next()) {
                outbox.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Long> accepted = receiver.accepted("/hook").stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Request::idempotencyKey, Collectors.counting()));
        long lost = outbox.entrySet().stream().filter(e -> !"DEAD".equals(e.getValue()) && !accepted.containsKey(e.getKey())).count();
        long duplicated = accepted.values().stream().filter(n -> n > 1).count();
        long unknown = accepted.keySet().stream().filter(k -> !outbox.containsKey(k)).count();
        long pending = outbox.values().stream().filter("PENDING"::equals).count();
        long refused = receiver.requests("/hook").stream().filter(r -> r.answeredWith() != 200).count();
        return new Delivery(outbox.size(), receiver.accepted("/hook").size(), receiver.requests("/hook").size(), refused,
                lost, duplicated, unknown, pending);
    }

    private static Map<String, Long> countBy(RuntimeHarness runtime, String sql) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = runtime.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new TreeMap<>(counts);
    }

    private record Snapshot(int activeConnections, int totalConnections, int threads, long heapAfterGc,
                            Map<String, Long> threadGroups) {
        static Snapshot take(HikariPoolMXBean pool) throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return new Snapshot(pool.getActiveConnections(), pool.getTotalConnections(),
                    ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                            t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting())));
        }
    }
}
