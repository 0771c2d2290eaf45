package io.salesforcealerts.alerts;

import static io.salesforcealerts.db.JdbcValues.getInstant;
import static io.salesforcealerts.db.JdbcValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The {@code alert_silence} table. */
public class SilenceRepository {

    private final DataSource dataSource;

    public SilenceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Silence insert(Silence s) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_silence (rule_id, org_id, subject, severity, note, created_by, starts_at, ends_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, s.rule());
            ps.setString(2, s.org());
            ps.setString(3, s.subject());
            ps.setString(4, s.severity());
            ps.setString(5, s.comment());
            ps.setString(6, s.createdBy());
            setInstant(ps, 7, s.startsAt());
            setInstant(ps, 8, s.endsAt());
            setInstant(ps, 9, s.createdAt());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Silence(keys.getLong(1), s.rule(), s.org(), s.subject(), s.severity(), s.comment(),
                        s.createdBy(), s.startsAt(), s.endsAt(), s.createdAt());
            }
        }
    }

    /** Silences that have not ended at {@code now}. */
    public List<Silence> notEnded(Instant now) throws SQLException {
        List<Silence> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM alert_silence WHERE ends_at > ? ORDER BY id")) {
            setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Silence(rs.getLong("id"), rs.getString("rule_id"), rs.getString("org_id"),
                            rs.getString("subject"), rs.getString("severity"), rs.getString("note"),
                            rs.getString("created_by"), getInstant(rs, "starts_at"), getInstant(rs, "ends_at"),
                            getInstant(rs, "created_at")));
                }
            }
        }
        return out;
    }

    /** Ends a silence now (kept for the record); false when there is no such silence still running. */
    public boolean expire(long id, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE alert_silence SET ends_at = ? WHERE id = ? AND ends_at > ?")) {
            setInstant(ps, 1, now);
            ps.setLong(2, id);
            setInstant(ps, 3, now);
            return ps.executeUpdate() == 1;
        }
    }
}
