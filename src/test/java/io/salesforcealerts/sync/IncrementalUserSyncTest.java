package io.salesforcealerts.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimUser;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental user sync through the real runtime and the simulator: FULL first, INCREMENTAL after
 * (SystemModstamp after the watermark minus sync.users.lookback), a full refresh when the last full fetch
 * is older than sync.users.full-refresh, and a watermark that only a published sync moves. The simulator's
 * clock is the test's (it stamps SystemModstamp); the runtime keeps its real clock.
 */
class IncrementalUserSyncTest {

    private static final int USERS = 1_000;
    private static final Duration LOOKBACK = Duration.ofMinutes(10);

    @TempDir
    Path dataDir;

    private final MutableClock simClock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private SalesforceSimulator simulator;
    private RuntimeHarness runtime;

    @BeforeEach
    void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(11L, USERS, simClock));
        runtime = RuntimeHarness.start(props(Map.of()));
    }

    private Map<String, String> props(Map<String, String> extra) {
        Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
        props.put("salesforce.query-batch-size", "200");
        props.putAll(extra);
        return props;
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        simulator.close();
    }

    @Test
    void firstSyncIsFullThenOnlyChangedUsersAreFetched() throws Exception {
        JsonNode first = sync(200);
        assertThat(first.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(first.get("usersMode").asText()).isEqualTo("FULL");
        assertThat(first.get("counts").get("User").asInt()).isEqualTo(USERS);
        Instant watermark = watermark();
        assertThat(watermark).isEqualTo(maxModstamp());
        assertThat(lastFullAt()).isNotNull();

        simClock.set(simClock.instant().plus(Duration.ofMinutes(1)));
        int deactivated = firstUserWhere(SimUser::isActive, 10);
        simulator.org().deactivateUser(deactivated);
        Instant login = simClock.instant().minusSeconds(30);
        simulator.org().setLastLogin(20, login);
        simulator.org().touchUser(30);
        simulator.stats().reset();

        JsonNode second = sync(200);

        assertThat(second.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(second.get("usersMode").asText()).isEqualTo("INCREMENTAL");
        // exactly the users changed after the watermark minus the lookback (the changed three, and the few
        // last changed before the first sync, within the lookback)
        List<Integer> expected = usersWhere(u -> u.systemModstamp().isAfter(watermark.minus(LOOKBACK)));
        assertThat(expected).contains(deactivated, 20, 30).hasSizeLessThan(20);
        assertThat(second.get("counts").get("User").asInt()).isEqualTo(expected.size());
        // one query for User, no queryMore (the full sync needed 4 for its 5 pages of users)
        assertThat(simulator.stats().queryCalls()).isEqualTo(4);
        assertThat(simulator.stats().queryMoreCalls()).isZero();

        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user")).isEqualTo(USERS);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE id = ? AND is_active = FALSE",
                simulator.org().user(deactivated).id())).isEqualTo(1);
        assertThat(lastLoginInDb(20)).isEqualTo(login);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE changed_sync_id = ?",
                second.get("syncId").asLong())).isEqualTo(2); // deactivated and 20 changed; 30 was only touched
        assertThat(watermark()).isEqualTo(maxModstamp()).isAfter(watermark);
        assertThat(runtime.count("SELECT COUNT(*) FROM sync_object WHERE object_name = 'User' AND sync_mode = 'INCREMENTAL'"
                + " AND sync_id = ?", second.get("syncId").asLong())).isEqualTo(1);

        JsonNode status = RuntimeHarness.json(runtime.get("/api/status"));
        assertThat(status.get("lastSync").get("usersMode").asText()).isEqualTo("INCREMENTAL");
        assertThat(status.get("lastSync").get("counts").get("User").asInt()).isEqualTo(expected.size());
    }

    @Test
    void aChangeStampedJustBeforeTheWatermarkIsPickedUpWithinTheLookback() throws Exception {
        sync(200);
        Instant watermark = watermark();
        // a change committed late, stamped 5 minutes before the newest change already synced
        int late = firstUserWhere(u -> u.systemModstamp().isBefore(watermark.minus(Duration.ofHours(1))), 0);
        simClock.set(watermark.minus(Duration.ofMinutes(5)));
        simulator.org().setLastLogin(late, simClock.instant());
        // one stamped 20 minutes before: outside the 10-minute lookback, left for the next full refresh
        int older = firstUserWhere(u -> u.systemModstamp().isBefore(watermark.minus(Duration.ofHours(1))), late + 1);
        simClock.set(watermark.minus(Duration.ofMinutes(20)));
        simulator.org().setLastLogin(older, simClock.instant());
        Instant olderLoginBefore = lastLoginInDb(older);

        JsonNode second = sync(200);

        assertThat(second.get("usersMode").asText()).isEqualTo("INCREMENTAL");
        assertThat(lastLoginInDb(late)).isEqualTo(watermark.minus(Duration.ofMinutes(5)));
        assertThat(lastLoginInDb(older)).isEqualTo(olderLoginBefore);
        assertThat(watermark()).isEqualTo(watermark); // nothing newer than it was fetched
    }

    @Test
    void aFailedSyncLeavesTheWatermarkAndTheNextSyncPicksTheChangeUp() throws Exception {
        sync(200);
        Instant watermark = watermark();
        Instant lastFullAt = lastFullAt();
        simClock.set(simClock.instant().plus(Duration.ofMinutes(1)));
        int user = firstUserWhere(SimUser::isActive, 7);
        simulator.org().deactivateUser(user);
        // users are fetched and staged, then the sync fails when it completes (no UserLicense rows visible)
        simulator.org().hideRecords("UserLicense");

        HttpResponse<String> failed = runtime.post("/api/sync");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
        assertThat(RuntimeHarness.json(failed).get("error").get("code").asText()).isEqualTo("NO_LICENCE_DATA");
        assertThat(watermark()).isEqualTo(watermark);
        assertThat(lastFullAt()).isEqualTo(lastFullAt);
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE id = ? AND is_active = TRUE",
                simulator.org().user(user).id())).isEqualTo(1);

        simulator.org().showRecords("UserLicense");
        JsonNode next = sync(200);

        assertThat(next.get("usersMode").asText()).isEqualTo("INCREMENTAL");
        assertThat(runtime.count("SELECT COUNT(*) FROM sf_user WHERE id = ? AND is_active = FALSE",
                simulator.org().user(user).id())).isEqualTo(1);
        assertThat(watermark()).isAfter(watermark);
    }

    @Test
    void aFullRefreshRunsWhenTheLastFullFetchIsOlderThanTheInterval() throws Exception {
        sync(200);
        assertThat(sync(200).get("usersMode").asText()).isEqualTo("INCREMENTAL");
        // a deactivation stamped long before the watermark: incremental fetches cannot see it
        Instant watermark = watermark();
        int user = firstUserWhere(u -> u.isActive() && u.systemModstamp().isBefore(watermark.minus(Duration.ofDays(2))), 1);
        simClock.set(watermark.minus(Duration.ofDays(1)));
        simulator.org().deactivateUser(user);
        assertThat(sync(200).get("usersMode").asText()).isEqualTo("INCREMENTAL");
        assertThat(isActiveInDb(user)).isTrue();

        // the last full fetch is now 25 hours old: over the default sync.users.full-refresh of 1 day
        try (Connection c = runtime.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE sync_watermark SET last_full_at = ?")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minusHours(25));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        simulator.stats().reset();
        JsonNode refresh = sync(200);

        assertThat(refresh.get("usersMode").asText()).isEqualTo("FULL");
        assertThat(refresh.get("counts").get("User").asInt()).isEqualTo(USERS);
        assertThat(simulator.stats().queryMoreCalls()).isEqualTo(USERS / 200 - 1);
        assertThat(isActiveInDb(user)).isFalse();
        assertThat(lastFullAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(sync(200).get("usersMode").asText()).isEqualTo("INCREMENTAL");
    }

    @Test
    void aZeroFullRefreshIntervalMakesEverySyncFull() throws Exception {
        runtime.close();
        runtime = RuntimeHarness.start(props(Map.of("sync.users.full-refresh", "0", "sync.users.lookback", "PT1M")));

        assertThat(sync(200).get("usersMode").asText()).isEqualTo("FULL");
        JsonNode second = sync(200);

        assertThat(second.get("usersMode").asText()).isEqualTo("FULL");
        assertThat(second.get("counts").get("User").asInt()).isEqualTo(USERS);
    }

    @Test
    void theSinceLiteralIsAFormattedInstant() {
        assertThat(UserSyncPlanner.soqlDateTime(Instant.parse("2025-06-01T10:15:00.999Z"))).isEqualTo("2025-06-01T10:15:00Z");
    }

    private JsonNode sync(int expectedStatus) throws Exception {
        HttpResponse<String> response = runtime.post("/api/sync");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return RuntimeHarness.json(response);
    }

    private Instant watermark() throws Exception {
        return instant("SELECT watermark FROM sync_watermark WHERE org_id = ? AND object_name = 'User'");
    }

    private Instant lastFullAt() throws Exception {
        return instant("SELECT last_full_at FROM sync_watermark WHERE org_id = ? AND object_name = 'User'");
    }

    private Instant instant(String sql) throws Exception {
        try (Connection c = runtime.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, simulator.org().orgId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("watermark row").isTrue();
                OffsetDateTime v = rs.getObject(1, OffsetDateTime.class);
                return v == null ? null : v.toInstant();
            }
        }
    }

    private Instant lastLoginInDb(int index) throws Exception {
        try (Connection c = runtime.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT last_login_at FROM sf_user WHERE id = ?")) {
            ps.setString(1, simulator.org().user(index).id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                OffsetDateTime v = rs.getObject(1, OffsetDateTime.class);
                return v == null ? null : v.toInstant();
            }
        }
    }

    private boolean isActiveInDb(int index) throws Exception {
        return runtime.count("SELECT COUNT(*) FROM sf_user WHERE id = ? AND is_active = TRUE",
                simulator.org().user(index).id()) == 1;
    }

    private Instant maxModstamp() {
        Instant max = Instant.MIN;
        for (int i = 0; i < USERS; i++) {
            Instant m = simulator.org().user(i).systemModstamp();
            max = m.isAfter(max) ? m : max;
        }
        return max;
    }

    private List<Integer> usersWhere(Predicate<SimUser> test) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            if (test.test(simulator.org().user(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private int firstUserWhere(Predicate<SimUser> test, int from) {
        for (int i = Math.max(from, 1); i < USERS; i++) {
            if (test.test(simulator.org().user(i))) {
                return i;
            }
        }
        throw new AssertionError("no such user");
    }

    /** The simulator's clock, which stamps SystemModstamp on every change. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
