package io.salesforcealerts.sync;

import static io.salesforcealerts.db.JdbcValues.getInstant;
import static io.salesforcealerts.db.JdbcValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/** The {@code sync_run} and {@code sync_object} tables: one row per sync attempt and its per-object outcome. */
public class SyncRunRepository {

    private final DataSource dataSource;

    public SyncRunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A sync as stored, for the status API. */
    public record StoredRun(long id, String orgId, String trigger, SyncStatus status, Instant startedAt,
            Instant finishedAt, String errorCode, String errorMessage, Map<String, Integer> counts,
            Map<String, String> skipped, Map<String, Integer> rejected, String usersMode) {
    }

    public long insertRunning(String trigger, Instant startedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sync_run (trigger_source, status, started_at) VALUES (?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, trigger);
            ps.setString(2, SyncStatus.RUNNING.name());
            setInstant(ps, 3, startedAt);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public void setOrg(long syncId, String orgId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE sync_run SET org_id = ? WHERE id = ?")) {
            ps.setString(1, orgId);
            ps.setLong(2, syncId);
            ps.executeUpdate();
        }
    }

    /** Records the per-object outcome and the final status, inside the caller's transaction. */
    void finish(Connection c, SyncRun run, SyncStatus status, Instant finishedAt, SyncError error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_object (sync_id, object_name, status, record_count, reason, rejected_count, sync_mode)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Map<String, Integer> rejected = run.rejected();
            for (Map.Entry<String, Integer> e : run.counts().entrySet()) {
                addObject(ps, run.id(), e.getKey(), "SYNCED", e.getValue(), null, rejected.getOrDefault(e.getKey(), 0),
                        "User".equals(e.getKey()) && run.usersMode() != null ? run.usersMode().name() : null);
            }
            for (Map.Entry<String, String> e : run.skipped().entrySet()) {
                addObject(ps, run.id(), e.getKey(), "SKIPPED", 0, e.getValue(), 0, null);
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_run SET status = ?, finished_at = ?, org_id = ?, error_code = ?, error_message = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            setInstant(ps, 2, finishedAt);
            ps.setString(3, run.orgId());
            ps.setString(4, error == null ? null : error.code());
            ps.setString(5, error == null ? null : error.message());
            ps.setLong(6, run.id());
            ps.executeUpdate();
        }
    }

    private static void addObject(PreparedStatement ps, long syncId, String object, String status, int count,
            String reason, int rejected, String mode) throws SQLException {
        ps.setLong(1, syncId);
        ps.setString(2, object);
        ps.setString(3, status);
        ps.setInt(4, count);
        ps.setString(5, reason);
        ps.setInt(6, rejected);
        ps.setString(7, mode);
        ps.addBatch();
    }

    /** Runs left RUNNING by a process that died; their rows never became visible. */
    public List<Long> findRunning() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM sync_run WHERE status = ?")) {
            ps.setString(1, SyncStatus.RUNNING.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    void markAborted(Connection c, long syncId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_run SET status = ?, finished_at = ?, error_code = ?, error_message = ? WHERE id = ?")) {
            ps.setString(1, SyncStatus.ABORTED.name());
            setInstant(ps, 2, now);
            ps.setString(3, "ABORTED");
            ps.setString(4, "this sync ended without recording its outcome (the runtime stopped, or the database was unavailable)");
            ps.setLong(5, syncId);
            ps.executeUpdate();
        }
    }

    public Optional<StoredRun> findLatest() throws SQLException {
        return findOne("SELECT * FROM sync_run ORDER BY id DESC FETCH FIRST 1 ROWS ONLY");
    }

    public Optional<StoredRun> findLatestSuccessful() throws SQLException {
        return findOne("SELECT * FROM sync_run WHERE status IN (?, ?) ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                SyncStatus.SUCCESS.name(), SyncStatus.PARTIAL.name());
    }

    private Optional<StoredRun> findOne(String sql, String... statuses) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < statuses.length; i++) {
                ps.setString(i + 1, statuses[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong("id");
                Map<String, Integer> counts = new LinkedHashMap<>();
                Map<String, String> skipped = new LinkedHashMap<>();
                Map<String, Integer> rejected = new LinkedHashMap<>();
                String usersMode = readObjects(c, id, counts, skipped, rejected);
                return Optional.of(new StoredRun(id, rs.getString("org_id"), rs.getString("trigger_source"),
                        SyncStatus.valueOf(rs.getString("status")), getInstant(rs, "started_at"),
                        getInstant(rs, "finished_at"), rs.getString("error_code"), rs.getString("error_message"),
                        counts, skipped, rejected, usersMode));
            }
        }
    }

    /** Fills the maps; returns the User row's sync mode (FULL, INCREMENTAL) or null. */
    private static String readObjects(Connection c, long syncId, Map<String, Integer> counts, Map<String, String> skipped,
            Map<String, Integer> rejected) throws SQLException {
        String usersMode = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT object_name, status, record_count, reason, rejected_count, sync_mode"
                + " FROM sync_object WHERE sync_id = ? ORDER BY object_name")) {
            ps.setLong(1, syncId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("SKIPPED".equals(rs.getString("status"))) {
                        skipped.put(rs.getString("object_name"), rs.getString("reason"));
                    } else {
                        counts.put(rs.getString("object_name"), rs.getInt("record_count"));
                        if (rs.getInt("rejected_count") > 0) {
                            rejected.put(rs.getString("object_name"), rs.getInt("rejected_count"));
                        }
                        if ("User".equals(rs.getString("object_name"))) {
                            usersMode = rs.getString("sync_mode");
                        }
                    }
                }
            }
        }
        return usersMode;
    }
}
