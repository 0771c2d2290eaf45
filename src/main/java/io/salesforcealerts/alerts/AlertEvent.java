package io.salesforcealerts.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notification to send: an alert that starts firing, keeps firing past the repeat interval, or
 * resolves. routes/alerts.camel.yaml routes each one and sets its {@link #getChannels() channels};
 * the getters are what the routes' Simple expressions read ({@code ${body.severity}}).
 */
public final class AlertEvent {

    public enum Kind { FIRING, REPEAT, RESOLVED }

    private final String fingerprint;
    private final Kind kind;
    private final AlertRule rule;
    private final String org;
    private final String subject;
    private final Double value;
    private final String message;
    private final Instant startsAt;
    private final Instant endsAt;
    private final int sequence;
    private final List<String> channels = new ArrayList<>();

    public AlertEvent(String fingerprint, Kind kind, AlertRule rule, String org, String subject, Double value,
            String message, Instant startsAt, Instant endsAt, int sequence) {
        this.fingerprint = fingerprint;
        this.kind = kind;
        this.rule = rule;
        this.org = org;
        this.subject = subject;
        this.value = value;
        this.message = message;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.sequence = sequence;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public Kind getKind() {
        return kind;
    }

    /** firing or resolved, as in the payloads. */
    public String getState() {
        return kind == Kind.RESOLVED ? "resolved" : "firing";
    }

    public String getRule() {
        return rule.id();
    }

    public AlertRule rule() {
        return rule;
    }

    public String getSeverity() {
        return rule.severity().id();
    }

    public String getMetric() {
        return rule.metric().id();
    }

    public String getOrg() {
        return org;
    }

    public String getSubject() {
        return subject;
    }

    public Double getValue() {
        return value;
    }

    public double getThreshold() {
        return rule.condition().threshold();
    }

    public String getMessage() {
        return message;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    /** The rule's channels, comma-separated, for routes to start from. */
    public String getRuleChannels() {
        return String.join(",", rule.channels());
    }

    public List<String> getChannels() {
        return channels;
    }

    /**
     * Unique per notification and channel: the same firing episode, repeat number or resolution is
     * never queued twice, and receivers can drop a retried request they already handled.
     */
    public String idempotencyKey(String channel) {
        String what = switch (kind) {
            case RESOLVED -> "resolved";
            default -> "firing-" + sequence;
        };
        return fingerprint + "-" + startsAt.toEpochMilli() + "-" + what + "-" + channel;
    }

    /** Numbers without a trailing .0 and at most two decimals, for messages. */
    public static String format(Double v) {
        if (v == null) {
            return "-";
        }
        return new BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return getState() + " " + getRule() + " " + subject + " (" + getSeverity() + ")";
    }
}
