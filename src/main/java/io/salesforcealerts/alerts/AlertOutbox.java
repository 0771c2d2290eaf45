package io.salesforcealerts.alerts;

import static io.salesforcealerts.db.JdbcValues.getInstant;
import static io.salesforcealerts.db.JdbcValues.getInteger;
import static io.salesforcealerts.db.JdbcValues.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery outbox ({@code alert_delivery}). Rows are queued in the evaluation's transaction;
 * routes/alerts.camel.yaml polls {@link #due}, sends each with {@link #prepare} and records the
 * outcome: {@link #delivered}, or {@link #failed}, which retries connection failures, timeouts,
 * 5xx and 429 with exponential backoff and jitter until {@code maxAge}, and dead-letters any other
 * 4xx at once. State lives only in the table, so a restart picks up what is pending.
 */
public class AlertOutbox {

    public static final String DELIVERY_PROPERTY = "alertDelivery";
    public static final String CHANNEL_TYPE_PROPERTY = "alertChannelType";
    public static final String ENDPOINT_PROPERTY = "alertEndpoint";
    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);
    private static final int MAX_TEXT = 2000;

    private final DataSource dataSource;
    private final Map<String, Channel> channels;
    private final DeliverySettings settings;
    private final Clock clock;

    public AlertOutbox(DataSource dataSource, Map<String, Channel> channels, DeliverySettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.channels = channels;
        this.settings = settings;
        this.clock = clock;
    }

    /** Queues {@code event} for each of its channels, inside the caller's transaction; returns the rows written. */
    int enqueue(Connection c, AlertEvent event) throws SQLException {
        int queued = 0;
        String payload = AlertPayloads.toJson(AlertPayloads.webhook(event));
        Instant now = clock.instant();
        for (String name : event.getChannels()) {
            Channel channel = channels.get(name);
            if (channel == null || !channel.configured()) {
                LOG.warn("Alert {}: channel '{}' is not configured; not sent there", event, name);
                continue;
            }
            if (event.getKind() == AlertEvent.Kind.RESOLVED && !channel.sendResolved()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_delivery (idempotency_key, fingerprint,"
                    + " channel, kind, payload, status, attempts, created_at, next_attempt_at)"
                    + " SELECT ?, ?, ?, ?, ?, ?, 0, ?, ? FROM (VALUES (1)) AS one (x)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM alert_delivery WHERE idempotency_key = ?)")) {
                String key = event.idempotencyKey(name);
                ps.setString(1, key);
                ps.setString(2, event.getFingerprint());
                ps.setString(3, name);
                ps.setString(4, event.getKind().name());
                ps.setString(5, payload);
                ps.setString(6, Delivery.PENDING);
                setInstant(ps, 7, now);
                setInstant(ps, 8, now);
                ps.setString(9, key);
                queued += ps.executeUpdate();
            }
        }
        return queued;
    }

    /** Pending rows whose next attempt is due, oldest first. */
    public List<Delivery> due() throws SQLException {
        return query("SELECT * FROM alert_delivery WHERE status = ? AND next_attempt_at <= ? ORDER BY id FETCH FIRST "
                + settings.batchSize() + " ROWS ONLY", Delivery.PENDING, clock.instant());
    }

    /** For the API: newest first, optionally one status. */
    public List<Delivery> list(String status, int limit) throws SQLException {
        return status == null
                ? query("SELECT * FROM alert_delivery ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY")
                : query("SELECT * FROM alert_delivery WHERE status = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", status);
    }

    public List<Delivery> forAlert(String fingerprint) throws SQLException {
        return query("SELECT * FROM alert_delivery WHERE fingerprint = ? ORDER BY id", fingerprint);
    }

    /**
     * Body in: a {@link Delivery}. Body out: what its channel takes (JSON for http channels, a line
     * for the log); headers are only Content-Type and Idempotency-Key, so nothing internal is sent.
     */
    public void prepare(Exchange exchange) {
        Delivery d = exchange.getMessage().getBody(Delivery.class);
        Channel channel = channels.get(d.channel());
        exchange.setProperty(DELIVERY_PROPERTY, d);
        exchange.getMessage().removeHeaders("*");
        if (channel == null || !channel.configured()) {
            throw new ChannelNotConfiguredException("channel '" + d.channel() + "' is not configured any more");
        }
        Map<String, Object> payload = AlertPayloads.fromJson(d.payload());
        exchange.setProperty(CHANNEL_TYPE_PROPERTY, channel.type().name().toLowerCase(Locale.ROOT));
        exchange.setProperty(ENDPOINT_PROPERTY, endpointUri(channel.url()));
        exchange.getMessage().setHeader("Idempotency-Key", d.idempotencyKey());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getMessage().setBody(switch (channel.type()) {
            case WEBHOOK -> d.payload();
            case SLACK -> AlertPayloads.toJson(AlertPayloads.slack(payload));
            case TEAMS -> AlertPayloads.toJson(AlertPayloads.teams(payload));
            case LOG -> AlertPayloads.logLine(payload);
        });
    }

    public void delivered(Exchange exchange) throws SQLException {
        Delivery d = exchange.getProperty(DELIVERY_PROPERTY, Delivery.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Instant now = clock.instant();
        update("UPDATE alert_delivery SET status = ?, attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?,"
                + " response_status = ?, last_error = NULL WHERE id = ? AND status = ?",
                Delivery.DELIVERED, now, now, status, d.id(), Delivery.PENDING);
        LOG.info("Alert notification {} delivered to {} (attempt {})", d.idempotencyKey(), d.channel(), d.attempts() + 1);
    }

    public void failed(Exchange exchange) throws SQLException {
        Delivery d = exchange.getProperty(DELIVERY_PROPERTY, Delivery.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Instant now = clock.instant();
        Integer status = null;
        String error;
        boolean transientFailure = true;
        Duration retryAfter = null;
        if (cause instanceof HttpOperationFailedException http) {
            status = http.getStatusCode();
            error = "HTTP " + status + ": " + shorten(http.getResponseBody());
            transientFailure = status == 429 || status >= 500;
            retryAfter = retryAfter(http.getResponseHeaders());
        } else if (cause instanceof ChannelNotConfiguredException) {
            error = cause.getMessage();
            transientFailure = false;
        } else {
            error = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + shorten(cause.getMessage());
        }
        int attempts = d.attempts() + 1;
        Duration delay = backoff(attempts);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : retryAfter;
        }
        Instant next = now.plus(delay);
        boolean expired = next.isAfter(d.createdAt().plus(settings.maxAge()));
        if (!transientFailure || expired) {
            update("UPDATE alert_delivery SET status = ?, attempts = ?, last_attempt_at = ?, response_status = ?,"
                    + " last_error = ? WHERE id = ? AND status = ?", Delivery.DEAD, attempts, now, status,
                    shorten((expired && transientFailure ? "gave up after alerts.delivery.max-age: " : "") + error),
                    d.id(), Delivery.PENDING);
            LOG.error("Alert notification {} to {} dead-lettered after {} attempts: {}", d.idempotencyKey(), d.channel(),
                    attempts, error);
        } else {
            update("UPDATE alert_delivery SET attempts = ?, last_attempt_at = ?, next_attempt_at = ?, response_status = ?,"
                    + " last_error = ? WHERE id = ? AND status = ?", attempts, now, next, status, shorten(error), d.id(),
                    Delivery.PENDING);
            LOG.warn("Alert notification {} to {} failed (attempt {}), retry in {} ms: {}", d.idempotencyKey(), d.channel(),
                    attempts, delay.toMillis(), error);
        }
    }

    /** Exponential: initial * 2^(attempt-1), capped, then "equal jitter" (half fixed, half random) so retries spread. */
    Duration backoff(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exp = attempt >= 31 ? cap : Math.min(cap, initial << Math.min(attempt - 1, 30));
        long half = Math.max(1, exp / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static Duration retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("Retry-After".equalsIgnoreCase(h.getKey())) {
                try {
                    return Duration.ofSeconds(Long.parseLong(h.getValue().trim()));
                } catch (NumberFormatException e) {
                    return null; // an HTTP date: the backoff decides
                }
            }
        }
        return null;
    }

    /** The channel URL as a camel-http endpoint; query values are passed RAW so signed URLs (Teams) stay intact. */
    static String endpointUri(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        List<String> params = new ArrayList<>();
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                params.add(pair);
            } else {
                String value = pair.substring(eq + 1);
                params.add(pair.substring(0, eq) + "=" + (value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")"));
            }
        }
        return url.substring(0, q) + "?" + String.join("&", params);
    }

    private List<Delivery> query(String sql, Object... params) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("fingerprint"),
                            rs.getString("channel"), rs.getString("kind"), rs.getString("payload"), rs.getString("status"),
                            rs.getInt("attempts"), getInstant(rs, "created_at"), getInstant(rs, "next_attempt_at"),
                            getInstant(rs, "last_attempt_at"), getInstant(rs, "delivered_at"),
                            getInteger(rs, "response_status"), rs.getString("last_error")));
                }
            }
        }
        return out;
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant t) {
                setInstant(ps, i + 1, t);
            } else if (p == null) {
                ps.setNull(i + 1, java.sql.Types.INTEGER);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "...";
    }

    /** A queued notification whose channel was removed from the rules file or lost its URL. */
    static class ChannelNotConfiguredException extends RuntimeException {
        ChannelNotConfiguredException(String message) {
            super(message);
        }
    }
}
