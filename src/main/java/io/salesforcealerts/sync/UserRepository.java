package io.salesforcealerts.sync;

import static io.salesforcealerts.db.JdbcValues.getInstant;
import static io.salesforcealerts.db.JdbcValues.setBoolean;
import static io.salesforcealerts.db.JdbcValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

/**
 * Users are staged page by page during a sync and merged into {@code sf_user} in the sync's final
 * transaction, so a failed sync never leaves half-updated users behind.
 */
public class UserRepository {

    private static final String STAGE = "INSERT INTO sf_user_staging (sync_id, id, username, name, is_active, user_type, "
            + "licence_name, last_login_at, system_modstamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    // Standard SQL MERGE (H2 2.x, PostgreSQL 15+). Only changed users are rewritten: between two syncs
    // few users change, which keeps the publishing transaction, and the memory it needs, small.
    private static final String PUBLISH = "MERGE INTO sf_user u "
            + "USING (SELECT id, username, name, is_active, user_type, licence_name, last_login_at "
            + "       FROM sf_user_staging WHERE sync_id = ?) s "
            + "ON (u.org_id = ? AND u.id = s.id) "
            + "WHEN MATCHED AND (u.username IS DISTINCT FROM s.username OR u.name IS DISTINCT FROM s.name "
            + "  OR u.is_active IS DISTINCT FROM s.is_active OR u.user_type IS DISTINCT FROM s.user_type "
            + "  OR u.licence_name IS DISTINCT FROM s.licence_name OR u.last_login_at IS DISTINCT FROM s.last_login_at) "
            + "THEN UPDATE SET username = s.username, name = s.name, is_active = s.is_active, "
            + "  user_type = s.user_type, licence_name = s.licence_name, last_login_at = s.last_login_at, "
            + "  changed_sync_id = ?, updated_at = ? "
            + "WHEN NOT MATCHED THEN INSERT (org_id, id, username, name, is_active, user_type, licence_name, "
            + "  last_login_at, changed_sync_id, updated_at) "
            + "VALUES (?, s.id, s.username, s.name, s.is_active, s.user_type, s.licence_name, s.last_login_at, ?, ?)";

    private static final int CLEAR_CHUNK = 5000;
    private static final String OBJECT = "User";

    private final DataSource dataSource;

    public UserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes one page as one JDBC batch into the staging table. */
    public void stagePage(SyncRun run, List<SalesforceUser> users) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STAGE)) {
            for (SalesforceUser u : users) {
                ps.setLong(1, run.id());
                ps.setString(2, u.id());
                ps.setString(3, u.username());
                ps.setString(4, u.name());
                setBoolean(ps, 5, u.active());
                ps.setString(6, u.userType());
                ps.setString(7, u.licenceName());
                setInstant(ps, 8, u.lastLoginAt());
                setInstant(ps, 9, u.systemModstamp());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Upserts the staged users into {@code sf_user}, inside the caller's transaction. */
    void publish(Connection c, SyncRun run, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PUBLISH)) {
            ps.setLong(1, run.id());
            ps.setString(2, run.orgId());
            ps.setLong(3, run.id());
            setInstant(ps, 4, now);
            ps.setString(5, run.orgId());
            ps.setLong(6, run.id());
            setInstant(ps, 7, now);
            ps.executeUpdate();
        }
    }

    /** The User watermark of an org as last published: highest SystemModstamp and start of the last full fetch. */
    public record Watermark(Instant watermark, Instant lastFullAt) {
        static final Watermark NONE = new Watermark(null, null);
    }

    public Watermark findWatermark(String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return findWatermark(c, orgId);
        }
    }

    private static Watermark findWatermark(Connection c, String orgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT watermark, last_full_at FROM sync_watermark WHERE org_id = ? AND object_name = ?")) {
            ps.setString(1, orgId);
            ps.setString(2, OBJECT);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Watermark(getInstant(rs, "watermark"), getInstant(rs, "last_full_at")) : Watermark.NONE;
            }
        }
    }

    /**
     * Inside the publishing transaction, after {@link #publish}: the watermark moves up to the highest
     * staged SystemModstamp (never down), and a FULL fetch records its start as the last full fetch. Nothing
     * happens when the User object was not fetched (skipped), so a sync that did not publish users never
     * moves the watermark.
     */
    void advanceWatermark(Connection c, SyncRun run, Instant now) throws SQLException {
        if (run.usersMode() == null || !run.counts().containsKey(OBJECT) || run.orgId() == null) {
            return;
        }
        Instant stagedMax;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(system_modstamp) AS max_modstamp FROM sf_user_staging WHERE sync_id = ?")) {
            ps.setLong(1, run.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                stagedMax = getInstant(rs, "max_modstamp");
            }
        }
        Watermark old = findWatermark(c, run.orgId());
        Instant watermark = old.watermark() == null || stagedMax != null && stagedMax.isAfter(old.watermark())
                ? stagedMax : old.watermark();
        Instant lastFullAt = run.usersMode() == SyncMode.FULL ? run.startedAt() : old.lastFullAt();
        // update, else insert: the same six values in the same order for both statements
        String update = "UPDATE sync_watermark SET watermark = ?, last_full_at = ?, sync_id = ?, updated_at = ? "
                + "WHERE org_id = ? AND object_name = ?";
        String insert = "INSERT INTO sync_watermark (watermark, last_full_at, sync_id, updated_at, org_id, object_name) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        for (String sql : new String[] {update, insert}) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, watermark);
                setInstant(ps, 2, lastFullAt);
                ps.setLong(3, run.id());
                setInstant(ps, 4, now);
                ps.setString(5, run.orgId());
                ps.setString(6, OBJECT);
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
        }
    }

    /**
     * Removes a sync's staged users, in chunks of their own transactions: one big delete would
     * hold every row in the database's undo log. Staged rows are never read once their sync has
     * ended, so a chunked, non-atomic clean-up is safe.
     */
    public void clearStaging(long syncId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement boundary = c.prepareStatement("SELECT id FROM sf_user_staging WHERE sync_id = ? "
                        + "ORDER BY id OFFSET " + CLEAR_CHUNK + " ROWS FETCH FIRST 1 ROWS ONLY");
                PreparedStatement deleteBelow = c.prepareStatement(
                        "DELETE FROM sf_user_staging WHERE sync_id = ? AND id < ?");
                PreparedStatement deleteRest = c.prepareStatement("DELETE FROM sf_user_staging WHERE sync_id = ?")) {
            // walk the primary key (sync_id, id) in ranges of CLEAR_CHUNK rows
            for (String upTo = nextBoundary(boundary, syncId); upTo != null; upTo = nextBoundary(boundary, syncId)) {
                deleteBelow.setLong(1, syncId);
                deleteBelow.setString(2, upTo);
                deleteBelow.executeUpdate();
            }
            deleteRest.setLong(1, syncId);
            deleteRest.executeUpdate();
        }
    }

    private static String nextBoundary(PreparedStatement boundary, long syncId) throws SQLException {
        boundary.setLong(1, syncId);
        try (ResultSet rs = boundary.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
