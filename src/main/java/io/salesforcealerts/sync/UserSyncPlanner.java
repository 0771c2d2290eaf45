package io.salesforcealerts.sync;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the {@code sync-users} route: chooses a FULL fetch of User (no watermark yet for the org, or
 * the last full fetch is older than {@code sync.users.full-refresh}) or an INCREMENTAL one (SystemModstamp
 * after the watermark minus {@code sync.users.lookback}). Sets the headers {@value #MODE_HEADER} and, when
 * incremental, {@value #SINCE_HEADER}: a SOQL dateTime literal formatted from an {@link Instant} read from
 * our own table, never text from a request, so the SOQL built from it cannot be injected into.
 */
public class UserSyncPlanner {

    public static final String MODE_HEADER = "usersMode";
    public static final String SINCE_HEADER = "usersSince";

    private static final Logger LOG = LoggerFactory.getLogger(UserSyncPlanner.class);
    private static final DateTimeFormatter SOQL_DATETIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final UserRepository users;
    private final Duration lookback;
    private final Duration fullRefresh;
    private final Clock clock;

    /**
     * @param lookback    how far before the watermark an incremental fetch starts (late-committed changes)
     * @param fullRefresh the longest age of the last full fetch; zero makes every fetch full
     */
    public UserSyncPlanner(UserRepository users, Duration lookback, Duration fullRefresh, Clock clock) {
        this.users = users;
        this.lookback = lookback;
        this.fullRefresh = fullRefresh;
        this.clock = clock;
    }

    public void plan(Exchange exchange) throws SQLException {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        UserRepository.Watermark w = run == null || run.orgId() == null ? UserRepository.Watermark.NONE
                : users.findWatermark(run.orgId());
        Instant now = clock.instant();
        SyncMode mode;
        String reason;
        if (w.watermark() == null || w.lastFullAt() == null) {
            mode = SyncMode.FULL;
            reason = "no watermark yet";
        } else if (!w.lastFullAt().plus(fullRefresh).isAfter(now)) {
            mode = SyncMode.FULL;
            reason = "full refresh due (last full fetch " + w.lastFullAt() + ", sync.users.full-refresh " + fullRefresh + ")";
        } else {
            mode = SyncMode.INCREMENTAL;
            reason = null;
        }
        exchange.getMessage().setHeader(MODE_HEADER, mode.name());
        if (mode == SyncMode.INCREMENTAL) {
            Instant since = w.watermark().minus(lookback);
            exchange.getMessage().setHeader(SINCE_HEADER, soqlDateTime(since));
            LOG.info("Sync {}: users INCREMENTAL, SystemModstamp > {} (watermark {} minus lookback {})",
                    run.id(), soqlDateTime(since), w.watermark(), lookback);
        } else {
            exchange.getMessage().removeHeader(SINCE_HEADER);
            LOG.info("Sync {}: users FULL: {}", run == null ? "-" : run.id(), reason);
        }
        if (run != null) {
            run.usersMode(mode);
        }
    }

    /**
     * A SOQL dateTime literal ({@code 2025-06-01T10:15:00Z}), rounded down to the second: rounding down only
     * widens the window, so nothing is missed.
     */
    static String soqlDateTime(Instant instant) {
        return SOQL_DATETIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
