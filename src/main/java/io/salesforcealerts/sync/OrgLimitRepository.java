package io.salesforcealerts.sync;

import static io.salesforcealerts.db.JdbcValues.setInstant;
import static io.salesforcealerts.db.JdbcValues.setLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

/** {@code /limits} entries captured by a sync. */
public class OrgLimitRepository {

    /** One {@code /limits} entry. */
    public record OrgLimit(String name, Long max, Long remaining) {
    }

    private final DataSource dataSource;

    public OrgLimitRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(SyncRun run, List<OrgLimit> limits, Instant capturedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO org_limit (sync_id, org_id, name, max_value, remaining, captured_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (OrgLimit limit : limits) {
                ps.setLong(1, run.id());
                ps.setString(2, run.orgId());
                ps.setString(3, limit.name());
                setLong(ps, 4, limit.max());
                setLong(ps, 5, limit.remaining());
                setInstant(ps, 6, capturedAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void deleteSync(Connection c, long syncId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM org_limit WHERE sync_id = ?")) {
            ps.setLong(1, syncId);
            ps.executeUpdate();
        }
    }
}
