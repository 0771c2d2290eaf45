package io.salesforcealerts.sync;

import static io.salesforcealerts.db.JdbcValues.setInstant;
import static io.salesforcealerts.db.JdbcValues.setInteger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/** Licence snapshot rows of a sync; they count as the latest only once their sync run is SUCCESS. */
public class LicenceSnapshotRepository {

    private static final String INSERT = "INSERT INTO licence_snapshot (sync_id, org_id, licence_type, licence_id, "
            + "licence_key, name, total_licenses, used_licenses, status, expires_at, source_updated_at, captured_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public LicenceSnapshotRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes one page as one JDBC batch; a sync's rows are all captured at its start time. */
    public void insertPage(SyncRun run, List<LicenceSnapshot> rows) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (LicenceSnapshot row : rows) {
                ps.setLong(1, run.id());
                ps.setString(2, run.orgId());
                ps.setString(3, row.type());
                ps.setString(4, row.id());
                ps.setString(5, row.key());
                ps.setString(6, row.name());
                setInteger(ps, 7, row.total());
                setInteger(ps, 8, row.used());
                ps.setString(9, row.status());
                setInstant(ps, 10, row.expiresAt());
                setInstant(ps, 11, row.sourceUpdatedAt());
                setInstant(ps, 12, run.startedAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void deleteObject(long syncId, String licenceType) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM licence_snapshot WHERE sync_id = ? AND licence_type = ?")) {
            ps.setLong(1, syncId);
            ps.setString(2, licenceType);
            ps.executeUpdate();
        }
    }

    void deleteSync(Connection c, long syncId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM licence_snapshot WHERE sync_id = ?")) {
            ps.setLong(1, syncId);
            ps.executeUpdate();
        }
    }
}
