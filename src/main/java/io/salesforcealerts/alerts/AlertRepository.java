package io.salesforcealerts.alerts;

import static io.salesforcealerts.db.JdbcValues.getInstant;
import static io.salesforcealerts.db.JdbcValues.getInteger;
import static io.salesforcealerts.db.JdbcValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.salesforcealerts.db.JdbcValues;

/** The {@code alert} table. Every write is a compare-and-set on {@code version}. */
public class AlertRepository {

    private static final String COLUMNS = "fingerprint, rule_id, org_id, subject, severity, state, metric_value, threshold,"
            + " message, breach_count, starts_at, ends_at, first_seen_at, last_seen_at, last_notified_at,"
            + " notification_count, version";

    private final DataSource dataSource;

    public AlertRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The alerts of one rule in one org, by subject. */
    public Map<String, StoredAlert> findByRule(String ruleId, String org) throws SQLException {
        Map<String, StoredAlert> out = new LinkedHashMap<>();
        for (StoredAlert a : query("SELECT " + COLUMNS + " FROM alert WHERE rule_id = ? AND org_id = ?", ruleId, org)) {
            out.put(a.subject(), a);
        }
        return out;
    }

    public Optional<StoredAlert> find(String fingerprint) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM alert WHERE fingerprint = ?", fingerprint).stream().findFirst();
    }

    /** For the API: newest first, optionally by state, severity and last seen since. */
    public List<StoredAlert> list(String state, String severity, Instant since) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state);
        }
        if (severity != null) {
            sql.append(" AND severity = ?");
            params.add(severity);
        }
        if (since != null) {
            sql.append(" AND last_seen_at >= ?");
            params.add(since);
        }
        sql.append(" ORDER BY last_seen_at DESC, fingerprint");
        return query(sql.toString(), params.toArray());
    }

    private List<StoredAlert> query(String sql, Object... params) throws SQLException {
        List<StoredAlert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant t) {
                    setInstant(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredAlert(rs.getString("fingerprint"), rs.getString("rule_id"), rs.getString("org_id"),
                            rs.getString("subject"), rs.getString("severity"), rs.getString("state"),
                            JdbcValues.getDouble(rs, "metric_value"), JdbcValues.getDouble(rs, "threshold"), rs.getString("message"),
                            getInteger(rs, "breach_count"), getInstant(rs, "starts_at"), getInstant(rs, "ends_at"),
                            getInstant(rs, "first_seen_at"), getInstant(rs, "last_seen_at"),
                            getInstant(rs, "last_notified_at"), getInteger(rs, "notification_count"),
                            rs.getLong("version")));
                }
            }
        }
        return out;
    }

    /** Inserts a new alert unless one with its fingerprint exists; false when another evaluation got there first. */
    boolean insert(Connection c, StoredAlert a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, 0 FROM (VALUES (1)) AS one (x)"
                + " WHERE NOT EXISTS (SELECT 1 FROM alert WHERE fingerprint = ?)")) {
            int i = bind(ps, a);
            ps.setString(i, a.fingerprint());
            return ps.executeUpdate() == 1;
        }
    }

    /** Writes {@code a} if the row is still at {@code a.version()}; false when another evaluation changed it. */
    boolean update(Connection c, StoredAlert a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET fingerprint = ?, rule_id = ?, org_id = ?, subject = ?,"
                + " severity = ?, state = ?, metric_value = ?, threshold = ?, message = ?, breach_count = ?, starts_at = ?,"
                + " ends_at = ?, first_seen_at = ?, last_seen_at = ?, last_notified_at = ?, notification_count = ?,"
                + " version = version + 1 WHERE fingerprint = ? AND version = ?")) {
            int i = bind(ps, a);
            ps.setString(i, a.fingerprint());
            ps.setLong(i + 1, a.version());
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, StoredAlert a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert WHERE fingerprint = ? AND version = ?")) {
            ps.setString(1, a.fingerprint());
            ps.setLong(2, a.version());
            return ps.executeUpdate() == 1;
        }
    }

    private static int bind(PreparedStatement ps, StoredAlert a) throws SQLException {
        ps.setString(1, a.fingerprint());
        ps.setString(2, a.ruleId());
        ps.setString(3, a.org());
        ps.setString(4, a.subject());
        ps.setString(5, a.severity());
        ps.setString(6, a.state());
        JdbcValues.setDouble(ps, 7, a.value());
        JdbcValues.setDouble(ps, 8, a.threshold());
        ps.setString(9, a.message());
        ps.setInt(10, a.breachCount());
        setInstant(ps, 11, a.startsAt());
        setInstant(ps, 12, a.endsAt());
        setInstant(ps, 13, a.firstSeenAt());
        setInstant(ps, 14, a.lastSeenAt());
        setInstant(ps, 15, a.lastNotifiedAt());
        ps.setInt(16, a.notificationCount());
        return 17;
    }
}
