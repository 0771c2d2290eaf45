package io.salesforcealerts.alerts;

import static io.salesforcealerts.db.JdbcValues.getInstant;
import static io.salesforcealerts.db.JdbcValues.getInteger;
import static io.salesforcealerts.db.JdbcValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Measures a rule's metric on what the syncs stored: the latest complete licence and limit snapshot,
 * {@code sf_user}, and {@code sync_run} for sync health. Read-only, parameterised SQL.
 */
public class MetricReader {

    private final DataSource dataSource;

    public MetricReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Licence(String type, String key, String name, Integer total, Integer used, String status,
            Instant expiresAt) {
        String subject() {
            return type + "/" + (name != null ? name : key);
        }
    }

    /** Values of {@code rule}'s metric for every subject its selector picks, in org {@code org}, at {@code now}. */
    public List<Observation> observe(AlertRule rule, String org, Instant now) throws SQLException {
        return switch (rule.metric().scope()) {
            case LICENCE -> licences(rule, org, now);
            case USER_LICENCE -> inactiveUsers(rule, org, now);
            case LIMIT -> limits(rule, org);
            case ORG -> List.of(new Observation("org", syncHealth(rule.metric(), now)));
        };
    }

    private List<Observation> licences(AlertRule rule, String org, Instant now) throws SQLException {
        List<Observation> out = new ArrayList<>();
        Object typeSelector = rule.selector().get("licence-type");
        List<?> types = typeSelector == null ? rule.metric().licenceTypes()
                : typeSelector instanceof List<?> l ? l : List.of(typeSelector);
        String nameGlob = (String) rule.selector().get("name");
        for (Licence l : readLicences(org)) {
            if (!types.contains(l.type()) || !(Globs.matches(nameGlob, l.name()) || Globs.matches(nameGlob, l.key()))) {
                continue;
            }
            Double value = switch (rule.metric()) {
                // a total of 0 or -1 (site-wide) has no meaningful utilisation or availability
                case LICENCE_UTILISATION -> bounded(l) ? l.used() * 100.0 / l.total() : null;
                case LICENCE_AVAILABLE -> bounded(l) ? (double) (l.total() - l.used()) : null;
                case LICENCE_OVER_ALLOCATION -> bounded(l) ? (double) (l.used() - l.total()) : null;
                case LICENCE_DAYS_TO_EXPIRY -> l.expiresAt() == null ? null
                        : Math.round(Duration.between(now, l.expiresAt()).toMinutes() / 144.0) / 10.0;
                case LICENCE_STATUS_NOT_ACTIVE -> rule.listParam("active-statuses", List.of("Active"))
                        .contains(l.status()) ? 0.0 : 1.0;
                default -> null;
            };
            if (value != null) {
                out.add(new Observation(l.subject(), value));
            }
        }
        return out;
    }

    private static boolean bounded(Licence l) {
        return l.total() != null && l.total() > 0 && l.used() != null;
    }

    private List<Licence> readLicences(String org) throws SQLException {
        List<Licence> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT licence_type, licence_key, name, total_licenses, used_licenses, status, expires_at"
                        + " FROM latest_licence WHERE org_id = ? ORDER BY licence_type, name")) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Licence(rs.getString("licence_type"), rs.getString("licence_key"), rs.getString("name"),
                            getInteger(rs, "total_licenses"), getInteger(rs, "used_licenses"), rs.getString("status"),
                            getInstant(rs, "expires_at")));
                }
            }
        }
        return out;
    }

    /** Active users holding a user licence who have not logged in for params.days (or ever), per licence. */
    private List<Observation> inactiveUsers(AlertRule rule, String org, Instant now) throws SQLException {
        List<Observation> out = new ArrayList<>();
        String nameGlob = (String) rule.selector().get("name");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT licence_name, COUNT(*) AS people FROM sf_user WHERE org_id = ? AND is_active = TRUE"
                        + " AND licence_name IS NOT NULL AND (last_login_at IS NULL OR last_login_at < ?)"
                        + " GROUP BY licence_name ORDER BY licence_name")) {
            ps.setString(1, org);
            setInstant(ps, 2, now.minus(Duration.ofDays(rule.intParam("days", 90))));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (Globs.matches(nameGlob, rs.getString("licence_name"))) {
                        out.add(new Observation("UserLicense/" + rs.getString("licence_name"), rs.getLong("people")));
                    }
                }
            }
        }
        return out;
    }

    private List<Observation> limits(AlertRule rule, String org) throws SQLException {
        List<Observation> out = new ArrayList<>();
        String glob = (String) rule.selector().get("limit");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, max_value, remaining FROM latest_org_limit WHERE org_id = ? AND max_value > 0 ORDER BY name")) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (Globs.matches(glob, rs.getString("name"))) {
                        out.add(new Observation("limit/" + rs.getString("name"),
                                Math.round(rs.getLong("remaining") * 10000.0 / rs.getLong("max_value")) / 100.0));
                    }
                }
            }
        }
        return out;
    }

    private double syncHealth(Metric metric, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (metric == Metric.SYNC_CONSECUTIVE_FAILURES) {
                int failures = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT status FROM sync_run WHERE status IN ('SUCCESS', 'PARTIAL', 'FAILED')"
                        + " ORDER BY id DESC FETCH FIRST 1000 ROWS ONLY"); ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && "FAILED".equals(rs.getString(1))) {
                        failures++;
                    }
                }
                return failures;
            }
            // hours since the last successful fetch; before any, since the first attempt
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(CASE WHEN status IN ('SUCCESS', 'PARTIAL') THEN finished_at END) AS ok,"
                    + " MIN(started_at) AS first FROM sync_run"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant since = getInstant(rs, "ok") != null ? getInstant(rs, "ok") : getInstant(rs, "first");
                return since == null ? 0 : Math.round(Duration.between(since, now).toMinutes() / 6.0) / 10.0;
            }
        }
    }

    /** The org alerts are raised for: the sync's, else the last one any sync learnt (a failed login learns none). */
    public String latestKnownOrg() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT org_id FROM sync_run WHERE org_id IS NOT NULL ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "unknown";
        }
    }
}
