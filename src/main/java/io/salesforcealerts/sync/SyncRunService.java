package io.salesforcealerts.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one sync, called from {@code routes/sync.camel.yaml}: {@link #begin} takes the single
 * sync permit (never two syncs at once) and records a RUNNING run; {@link #complete} publishes users
 * and marks the run SUCCESS in one transaction (which also advances the users' watermark), which is what
 * makes its snapshot the latest;
 * {@link #fail} removes what the run wrote and records the error.
 */
public class SyncRunService {

    public static final String TRIGGER_HEADER = "syncTrigger";
    private static final Logger LOG = LoggerFactory.getLogger(SyncRunService.class);
    private static final Set<String> OBJECT_UNAVAILABLE = Set.of("INVALID_TYPE", "INSUFFICIENT_ACCESS");

    private final DataSource dataSource;
    private final SyncRunRepository runs;
    private final LicenceSnapshotRepository licences;
    private final UserRepository users;
    private final OrgLimitRepository limits;
    private final SyncPageWriter pageWriter;
    private final Supplier<String> orgIdOfSession;
    private final String salesforceHost;
    private final Clock clock;
    private volatile String lastLoggedFailure;
    private final Semaphore permit = new Semaphore(1);
    private volatile SyncRun current;

    public SyncRunService(DataSource dataSource, SyncRunRepository runs, LicenceSnapshotRepository licences,
            UserRepository users, OrgLimitRepository limits, SyncPageWriter pageWriter, Supplier<String> orgIdOfSession,
            String salesforceHost, Clock clock) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.licences = licences;
        this.users = users;
        this.limits = limits;
        this.pageWriter = pageWriter;
        this.orgIdOfSession = orgIdOfSession;
        this.salesforceHost = salesforceHost;
        this.clock = clock;
    }

    /**
     * At start, before any route runs: a sync left RUNNING by a process that was killed is marked
     * ABORTED and what it wrote is removed (it never became visible).
     */
    public int recoverInterruptedSyncs() throws SQLException {
        List<Long> interrupted = runs.findRunning();
        for (long syncId : interrupted) {
            inTransaction(c -> {
                licences.deleteSync(c, syncId);
                limits.deleteSync(c, syncId);
                runs.markAborted(c, syncId, clock.instant());
            });
            users.clearStaging(syncId);
            LOG.warn("Sync {} ended without recording its outcome (runtime stopped or database down); marked ABORTED,"
                    + " its rows removed", syncId);
        }
        return interrupted.size();
    }

    public void begin(Exchange exchange) throws SQLException {
        if (!permit.tryAcquire()) {
            SyncRun running = current;
            throw new SyncAlreadyRunningException(running == null ? null : running.id());
        }
        try {
            // with the permit held, a RUNNING run is an orphan: its failure could not be recorded (database down)
            recoverInterruptedSyncs();
            String trigger = exchange.getMessage().getHeader(TRIGGER_HEADER, "manual", String.class);
            Instant startedAt = clock.instant();
            SyncRun run = new SyncRun(runs.insertRunning(trigger, startedAt), trigger, startedAt);
            current = run;
            exchange.setProperty(SyncRun.PROPERTY, run);
            LOG.info("Sync {} started ({})", run.id(), trigger);
        } catch (SQLException | RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    /** After the first Salesforce call: the session knows the org id from the token's {@code id}. */
    public void recordOrg(Exchange exchange) throws SQLException {
        SyncRun run = run(exchange);
        run.orgId(orgIdOfSession.get());
        runs.setOrg(run.id(), run.orgId());
    }

    /**
     * Called for any failure of one object: an object the org lacks (INVALID_TYPE) or the user may
     * not read (INSUFFICIENT_ACCESS) is recorded as skipped and the other objects go on; any other
     * failure is thrown again and fails the sync.
     */
    public void skipUnavailableObject(Exchange exchange) throws Exception {
        SyncRun run = run(exchange);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncError error = SyncError.from(caught, salesforceHost);
        if (!OBJECT_UNAVAILABLE.contains(error.code())) {
            throw caught instanceof Exception e ? e : new IllegalStateException(caught);
        }
        String object = exchange.getMessage().getHeader(SyncPageWriter.OBJECT_HEADER, String.class);
        pageWriter.discard(run, object);
        run.skip(object, error.code() + ": " + error.message());
        LOG.warn("Sync {}: {} skipped: {} {}", run.id(), object, error.code(), error.message());
    }

    public void complete(Exchange exchange) throws SQLException {
        SyncRun run = run(exchange);
        if (Integer.valueOf(0).equals(run.counts().get("UserLicense"))) {
            // every org has user licences: none visible means the user may not see them
            throw new DiagnosedException("NO_LICENCE_DATA", "the UserLicense query returned no rows");
        }
        try {
            Instant finishedAt = clock.instant();
            SyncResult result = SyncResult.success(run, finishedAt);
            inTransaction(c -> {
                users.publish(c, run, finishedAt);
                users.advanceWatermark(c, run, finishedAt); // only here: a failed sync never moves it
                runs.finish(c, run, result.status(), finishedAt, null);
            });
            users.clearStaging(run.id());
            exchange.getMessage().setBody(result);
            LOG.info("Sync {} {}: {}{}{}", run.id(), result.status() == SyncStatus.SUCCESS ? "succeeded" : "ended PARTIAL",
                    run.counts(), run.skipped().isEmpty() ? "" : ", skipped " + run.skipped().keySet(),
                    run.rejected().isEmpty() ? "" : ", records not used " + run.rejected());
            if (lastLoggedFailure != null) {
                LOG.info("Syncs work again after {}", lastLoggedFailure);
                lastLoggedFailure = null;
            }
        } finally {
            release(run);
        }
    }

    /** The sync was not run (API budget guard): SKIPPED with its reason; nothing else it wrote stays. */
    public void skip(Exchange exchange) throws SQLException {
        SyncRun run = run(exchange);
        SyncSkippedException skip = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SyncSkippedException.class);
        Instant finishedAt = clock.instant();
        try {
            SyncRun empty = new SyncRun(run.id(), run.trigger(), run.startedAt());
            empty.orgId(run.orgId());
            inTransaction(c -> {
                licences.deleteSync(c, run.id());
                limits.deleteSync(c, run.id());
                runs.finish(c, empty, SyncStatus.SKIPPED, finishedAt, skip.reason());
            });
            users.clearStaging(run.id());
        } finally {
            release(run);
        }
        exchange.getMessage().setBody(SyncResult.skipped(run, finishedAt, skip.reason()));
        LOG.warn("Sync {} skipped: {} {}", run.id(), skip.reason().code(), skip.reason().message());
    }

    public void fail(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        SyncError error = SyncError.from(cause, salesforceHost);
        Instant finishedAt = clock.instant();
        try {
            if (run != null) {
                inTransaction(c -> {
                    licences.deleteSync(c, run.id());
                    limits.deleteSync(c, run.id());
                    runs.finish(c, run, SyncStatus.FAILED, finishedAt, error);
                });
                users.clearStaging(run.id());
            }
        } catch (SQLException | RuntimeException e) {
            // the run stays RUNNING and is marked ABORTED at the next start; its rows were never visible
            LOG.error("Sync {}: could not record the failure: {}", run.id(), SyncError.from(e).message());
        } finally {
            release(run);
        }
        exchange.getMessage().setBody(SyncResult.failed(run, finishedAt, error));
        logFailure(run, error);
    }

    /** A failure is logged with its hint when it first appears, not again on every tick while it lasts. */
    private void logFailure(SyncRun run, SyncError error) {
        String id = run == null ? "-" : String.valueOf(run.id());
        String key = error.code() + ": " + error.message();
        if (key.equals(lastLoggedFailure)) {
            LOG.info("Sync {} failed again: {}", id, error.code());
        } else {
            lastLoggedFailure = key;
            LOG.warn("Sync {} failed: {} {} -- {}", id, error.code(), error.message(), error.hint());
        }
    }

    public void alreadyRunning(Exchange exchange) {
        SyncRun running = current;
        exchange.getMessage().setBody(SyncResult.running(running == null ? null : running.id(),
                running == null ? null : running.startedAt()));
        LOG.info("Sync not started ({}): another sync is running", exchange.getMessage().getHeader(TRIGGER_HEADER));
    }

    public boolean isRunning() {
        return permit.availablePermits() == 0;
    }

    private void release(SyncRun run) {
        if (run != null && current == run) {
            current = null;
            permit.release();
        }
    }

    private static SyncRun run(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        if (run == null) {
            throw new IllegalStateException("no sync in progress on this exchange; call syncRunService.begin first");
        }
        return run;
    }

    @FunctionalInterface
    private interface TransactionWork {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(TransactionWork work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
