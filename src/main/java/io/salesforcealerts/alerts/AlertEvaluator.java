package io.salesforcealerts.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.salesforcealerts.sync.SyncResult;
import io.salesforcealerts.sync.SyncStatus;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle, after each sync. {@link #evaluate} measures every enabled rule, moves each
 * (rule, org, subject) through PENDING (fewer than {@code for} syncs), FIRING and RESOLVED, and
 * decides which notifications are due: on firing, every repeat interval while firing, and on
 * resolving; silences and inhibition mute them. {@link #commit} writes the alert changes and the
 * outbox rows in one transaction, each change a compare-and-set, so two evaluations can never both
 * notify the same firing.
 */
public class AlertEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

    private final DataSource dataSource;
    private final AlertRules rules;
    private final MetricReader metrics;
    private final AlertRepository alerts;
    private final SilenceRepository silences;
    private final AlertOutbox outbox;
    private final Duration repeatInterval;
    private final Clock clock;

    public AlertEvaluator(DataSource dataSource, AlertRules rules, MetricReader metrics, AlertRepository alerts,
            SilenceRepository silences, AlertOutbox outbox, Duration repeatInterval, Clock clock) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.metrics = metrics;
        this.alerts = alerts;
        this.silences = silences;
        this.outbox = outbox;
        this.repeatInterval = repeatInterval;
        this.clock = clock;
    }

    /** Body in: the sync's SyncResult. Body out: an {@link AlertBatch}. */
    public AlertBatch evaluate(Exchange exchange) throws SQLException {
        Object body = exchange.getMessage().getBody();
        AlertBatch batch = new AlertBatch();
        if (!(body instanceof SyncResult result) || result.status() == SyncStatus.RUNNING) {
            return batch; // a refused sync changed nothing
        }
        boolean success = result.status().published(); // SUCCESS or PARTIAL; SKIPPED and FAILED changed no data
        String org = result.orgId() != null ? result.orgId() : metrics.latestKnownOrg();
        Instant now = clock.instant();
        for (AlertRule rule : rules.rules()) {
            // after a failed sync the data is unchanged: only sync health is measured again
            if (rule.enabled() && (success || rule.metric().isSyncHealth())) {
                evaluate(rule, org, now, batch);
            }
        }
        mute(batch, now);
        LOG.debug("Alert evaluation after sync {}: {}", result.syncId(), batch);
        return batch;
    }

    private void evaluate(AlertRule rule, String org, Instant now, AlertBatch batch) throws SQLException {
        Map<String, StoredAlert> existing = alerts.findByRule(rule.id(), org);
        for (Observation o : metrics.observe(rule, org, now)) {
            StoredAlert old = existing.remove(o.subject());
            if (rule.condition().test(o.value())) {
                breached(rule, org, o, old, now, batch);
            } else if (old != null) {
                cleared(rule, old, o.value(), now, batch);
            }
        }
        for (StoredAlert gone : existing.values()) { // subject no longer measured (licence removed, selector changed)
            cleared(rule, gone, null, now, batch);
        }
    }

    private void breached(AlertRule rule, String org, Observation o, StoredAlert old, Instant now, AlertBatch batch) {
        String message = message(rule, o.subject(), o.value(), false);
        if (old == null || StoredAlert.RESOLVED.equals(old.state())) {
            StoredAlert fresh = new StoredAlert(fingerprint(rule.id(), org, o.subject()), rule.id(), org, o.subject(),
                    rule.severity().id(), StoredAlert.PENDING, o.value(), rule.condition().threshold(), message, 0, null,
                    null, now, now, null, 0, old == null ? 0 : old.version());
            StoredAlert next = fresh.observed(StoredAlert.PENDING, o.value(), message, 1, null, null, now, now);
            if (rule.forSyncs() <= 1) {
                next = next.observed(StoredAlert.FIRING, o.value(), message, 1, now, null, now, now);
            }
            batch.add(old == null ? AlertBatch.Op.INSERT : AlertBatch.Op.UPDATE, next,
                    next.firing() ? event(rule, next, AlertEvent.Kind.FIRING) : null);
        } else if (old.firing()) {
            StoredAlert next = old.observed(StoredAlert.FIRING, o.value(), message, old.breachCount() + 1, old.startsAt(),
                    null, old.firstSeenAt(), now);
            AlertEvent event = null;
            if (old.lastNotifiedAt() == null) { // muted so far: its first notification is still owed
                event = event(rule, next, AlertEvent.Kind.FIRING);
            } else if (!now.isBefore(old.lastNotifiedAt().plus(repeatInterval))) {
                event = event(rule, next, AlertEvent.Kind.REPEAT);
            }
            batch.add(AlertBatch.Op.UPDATE, next, event);
        } else { // PENDING
            int count = old.breachCount() + 1;
            boolean fires = count >= rule.forSyncs();
            StoredAlert next = old.observed(fires ? StoredAlert.FIRING : StoredAlert.PENDING, o.value(), message, count,
                    fires ? now : null, null, old.firstSeenAt(), now);
            batch.add(AlertBatch.Op.UPDATE, next, fires ? event(rule, next, AlertEvent.Kind.FIRING) : null);
        }
    }

    private void cleared(AlertRule rule, StoredAlert old, Double value, Instant now, AlertBatch batch) {
        if (old.firing()) {
            StoredAlert next = old.observed(StoredAlert.RESOLVED, value, message(rule, old.subject(), value, true), 0,
                    old.startsAt(), now, old.firstSeenAt(), now);
            // a resolution is only news to whoever heard of the firing
            batch.add(AlertBatch.Op.UPDATE, next,
                    old.lastNotifiedAt() == null ? null : event(rule, next, AlertEvent.Kind.RESOLVED));
        } else if (StoredAlert.PENDING.equals(old.state())) {
            batch.add(AlertBatch.Op.DELETE, old, null); // never fired: nothing to remember
        }
    }

    private AlertEvent event(AlertRule rule, StoredAlert a, AlertEvent.Kind kind) {
        return new AlertEvent(a.fingerprint(), kind, rule, a.org(), a.subject(), a.value(), a.message(), a.startsAt(),
                a.endsAt(), a.notificationCount() + 1);
    }

    /** Silences and inhibition drop notifications; a muted firing stays owed until it is no longer muted. */
    private void mute(AlertBatch batch, Instant now) throws SQLException {
        List<Silence> active = silences.notEnded(now).stream().filter(s -> s.activeAt(now)).toList();
        List<AlertBatch.Change> changes = batch.changes();
        for (int i = 0; i < changes.size(); i++) {
            AlertBatch.Change c = changes.get(i);
            if (c.event() == null) {
                continue;
            }
            String mutedBy = active.stream().filter(s -> s.matches(c.event())).findFirst()
                    .map(s -> "silence " + s.id()).orElse(null);
            if (mutedBy == null) {
                mutedBy = inhibitor(batch, c.event());
            }
            if (mutedBy != null) {
                LOG.info("Alert {} not notified: muted by {}", c.event(), mutedBy);
                batch.replace(i, new AlertBatch.Change(c.op(), c.alert(), null));
            } else {
                batch.replace(i, new AlertBatch.Change(c.op(), c.alert().notified(now, c.alert().notificationCount() + 1),
                        c.event()));
            }
        }
    }

    private String inhibitor(AlertBatch batch, AlertEvent e) throws SQLException {
        for (InhibitRule inhibit : rules.inhibitions()) {
            if (!inhibit.target().equals(e.getRule())) {
                continue;
            }
            String source = fingerprint(inhibit.source(), e.getOrg(), e.getSubject());
            Optional<StoredAlert> inBatch = batch.changes().stream().filter(c -> c.op() != AlertBatch.Op.DELETE)
                    .map(AlertBatch.Change::alert).filter(a -> a.fingerprint().equals(source)).findFirst();
            boolean sourceFiring = inBatch.isPresent() ? inBatch.get().firing()
                    : alerts.find(source).map(StoredAlert::firing).orElse(false);
            if (sourceFiring) {
                return "rule " + inhibit.source();
            }
        }
        return null;
    }

    /** Writes the batch routed by the routes: alert changes and outbox rows, in one transaction. */
    public void commit(Exchange exchange) throws SQLException, InvalidPayloadException {
        AlertBatch batch = exchange.getMessage().getMandatoryBody(AlertBatch.class);
        if (batch.changes().isEmpty()) {
            return;
        }
        int queued = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (AlertBatch.Change change : batch.changes()) {
                    boolean applied = switch (change.op()) {
                        case INSERT -> alerts.insert(c, change.alert());
                        case UPDATE -> alerts.update(c, change.alert());
                        case DELETE -> alerts.delete(c, change.alert());
                    };
                    if (!applied) {
                        LOG.info("Alert {} changed by a concurrent evaluation; this one leaves it", change.alert().fingerprint());
                    } else if (change.event() != null) {
                        queued += outbox.enqueue(c, change.event());
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        if (queued > 0) {
            LOG.info("Alerts: {} notifications queued ({})", queued, batch.getEvents());
        }
    }

    static String fingerprint(String ruleId, String org, String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((ruleId + "\u0000" + org + "\u0000" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(AlertRule rule, String subject, Double value, boolean resolved) {
        String what = rule.description().isBlank() ? rule.id() : rule.description();
        String unit = rule.metric().unit();
        String measured = value == null ? "no longer measured"
                : rule.metric().id() + " is " + AlertEvent.format(value) + (unit.equals("%") ? "%" : unit.isEmpty() ? "" : " " + unit);
        return (resolved ? "Resolved: " : "") + what + " - " + subject + ": " + measured
                + (resolved ? "" : " (" + rule.condition() + ")");
    }
}
