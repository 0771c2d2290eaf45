package io.salesforcealerts.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.salesforcealerts.api.ApiRequestException;
import io.salesforcealerts.api.JsonResponses;
import io.salesforcealerts.api.QueryParameters;
import org.apache.camel.Exchange;

/** {@code /api/alerts}, {@code /api/alert-rules}, {@code /api/silences}, {@code /api/deliveries}. */
public class AlertsApi {

    private static final Set<String> STATES = Set.of(StoredAlert.PENDING, StoredAlert.FIRING, StoredAlert.RESOLVED);
    private static final Set<String> DELIVERY_STATUSES = Set.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.DEAD);
    private static final Set<String> MATCHERS = Set.of("rule", "org", "subject", "severity");
    private static final int MAX_DELIVERIES = 500;

    private final AlertRules rules;
    private final AlertRepository alerts;
    private final SilenceRepository silences;
    private final AlertOutbox outbox;
    private final Clock clock;

    public AlertsApi(AlertRules rules, AlertRepository alerts, SilenceRepository silences, AlertOutbox outbox, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.silences = silences;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** GET /api/alerts?state=&severity=&since= */
    public void alerts(Exchange exchange) throws SQLException {
        Map<String, String> p = QueryParameters.parse(exchange, Set.of("state", "severity", "since"));
        String state = oneOf("state", p.get("state"), STATES);
        String severity = p.get("severity") == null ? null
                : oneOf("severity", p.get("severity"), Set.of("CRITICAL", "WARNING", "INFO")).toLowerCase(Locale.ROOT);
        Instant since = p.get("since") == null ? null : instant("since", p.get("since"));
        List<Map<String, Object>> body = new ArrayList<>();
        for (StoredAlert a : alerts.list(state, severity, since)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("fingerprint", a.fingerprint());
            json.put("rule", a.ruleId());
            json.put("severity", a.severity());
            json.put("state", a.state());
            json.put("org", a.org());
            json.put("subject", a.subject());
            json.put("value", a.value());
            json.put("threshold", a.threshold());
            json.put("message", a.message());
            json.put("startsAt", a.startsAt());
            json.put("endsAt", a.endsAt());
            json.put("firstSeenAt", a.firstSeenAt());
            json.put("lastSeenAt", a.lastSeenAt());
            json.put("lastNotifiedAt", a.lastNotifiedAt());
            List<Map<String, Object>> notifications = new ArrayList<>();
            for (Delivery d : outbox.forAlert(a.fingerprint())) {
                notifications.add(delivery(d, false));
            }
            json.put("notifications", notifications);
            body.add(json);
        }
        JsonResponses.respond(exchange, 200, body);
    }

    /** GET /api/alert-rules */
    public void rules(Exchange exchange) {
        QueryParameters.parse(exchange, Set.of());
        List<Map<String, Object>> body = new ArrayList<>();
        for (AlertRule r : rules.rules()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", r.id());
            json.put("description", r.description());
            json.put("enabled", r.enabled());
            json.put("severity", r.severity().id());
            json.put("metric", r.metric().id());
            json.put("selector", r.selector());
            json.put("condition", r.condition().toString());
            json.put("params", r.params());
            json.put("for", r.forSyncs());
            json.put("channels", r.channels());
            json.put("inhibits", rules.inhibitions().stream().filter(i -> i.source().equals(r.id())).map(InhibitRule::target).toList());
            body.add(json);
        }
        JsonResponses.respond(exchange, 200, Map.of("source", rules.source(), "rules", body));
    }

    /** GET /api/silences: silences not yet ended. */
    public void listSilences(Exchange exchange) throws SQLException {
        QueryParameters.parse(exchange, Set.of());
        Instant now = clock.instant();
        JsonResponses.respond(exchange, 200, silences.notEnded(now).stream().map(s -> silence(s, now)).toList());
    }

    /** A timestamp field of a request body: a bad value is a bad body, not a bad query parameter. */
    private static Instant bodyInstant(Map<String, Object> body, String field) {
        try {
            return instant(field, String.valueOf(body.get(field)));
        } catch (ApiRequestException e) {
            throw new ApiRequestException(400, "BAD_BODY", e.getMessage());
        }
    }

    /** POST /api/silences {"matchers":{"rule":..,"org":..,"subject":..,"severity":..},"endsAt":..,"startsAt"?,"comment"?,"createdBy"?} */
    public void createSilence(Exchange exchange) throws SQLException {
        QueryParameters.parse(exchange, Set.of());
        Map<String, Object> body;
        try {
            String text = exchange.getMessage().getBody(String.class);
            body = text == null || text.isBlank() ? null : AlertPayloads.fromJsonStrict(text);
        } catch (JsonProcessingException e) {
            throw new ApiRequestException(400, "BAD_BODY", "the body must be a JSON object: " + e.getOriginalMessage());
        }
        if (body == null) {
            throw new ApiRequestException(400, "BAD_BODY", "the body must be a JSON object with matchers and endsAt");
        }
        for (String key : body.keySet()) {
            if (!Set.of("matchers", "startsAt", "endsAt", "comment", "createdBy").contains(key)) {
                throw new ApiRequestException(400, "BAD_BODY", "unknown field '" + key
                        + "'; allowed: matchers, startsAt, endsAt, comment, createdBy");
            }
        }
        if (!(body.get("matchers") instanceof Map<?, ?> matchers) || matchers.isEmpty()) {
            throw new ApiRequestException(400, "BAD_BODY", "'matchers' must be an object with at least one of rule, org, subject, severity");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : matchers.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!MATCHERS.contains(key) || !(e.getValue() instanceof String v) || v.isBlank()) {
                throw new ApiRequestException(400, "BAD_BODY", "matcher '" + key + "': matchers are rule, org, subject, "
                        + "severity, each a non-empty string (* globs allowed)");
            }
            m.put(key, v);
        }
        if (m.containsKey("severity") && !m.get("severity").contains("*") && Severity.byId(m.get("severity")) == null) {
            throw new ApiRequestException(400, "BAD_BODY", "matcher 'severity' must be critical, warning or info");
        }
        Instant now = clock.instant();
        Instant startsAt = body.get("startsAt") == null ? now : bodyInstant(body, "startsAt");
        if (body.get("endsAt") == null) {
            throw new ApiRequestException(400, "BAD_BODY", "'endsAt' (ISO-8601, e.g. 2030-01-01T00:00:00Z) is required");
        }
        Instant endsAt = bodyInstant(body, "endsAt");
        if (!endsAt.isAfter(now) || !endsAt.isAfter(startsAt)) {
            throw new ApiRequestException(400, "BAD_BODY", "'endsAt' must be in the future and after 'startsAt'");
        }
        Silence created = silences.insert(new Silence(null, m.get("rule"), m.get("org"), m.get("subject"), m.get("severity"),
                text(body.get("comment")), text(body.get("createdBy")), startsAt, endsAt, now));
        JsonResponses.respond(exchange, 201, silence(created, now));
    }

    /** DELETE /api/silences/{id}: ends the silence now. */
    public void deleteSilence(Exchange exchange) throws SQLException {
        QueryParameters.parse(exchange, Set.of());
        long id;
        try {
            id = Long.parseLong(exchange.getMessage().getHeader("id", String.class));
        } catch (NumberFormatException e) {
            throw new ApiRequestException(400, "BAD_PARAMETER", "the silence id must be a number");
        }
        if (!silences.expire(id, clock.instant())) {
            throw new ApiRequestException(404, "NOT_FOUND", "no running silence with id " + id);
        }
        JsonResponses.respond(exchange, 200, Map.of("id", id, "status", "expired"));
    }

    /** GET /api/deliveries?status=pending|delivered|dead */
    public void deliveries(Exchange exchange) throws SQLException {
        Map<String, String> p = QueryParameters.parse(exchange, Set.of("status"));
        String status = oneOf("status", p.get("status"), DELIVERY_STATUSES);
        JsonResponses.respond(exchange, 200, outbox.list(status, MAX_DELIVERIES).stream().map(d -> delivery(d, true)).toList());
    }

    private static Map<String, Object> delivery(Delivery d, boolean full) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id());
        if (full) {
            json.put("fingerprint", d.fingerprint());
        }
        json.put("channel", d.channel());
        json.put("kind", d.kind());
        json.put("status", d.status());
        json.put("idempotencyKey", d.idempotencyKey());
        json.put("attempts", d.attempts());
        json.put("createdAt", d.createdAt());
        json.put("nextAttemptAt", Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null);
        json.put("deliveredAt", d.deliveredAt());
        json.put("responseStatus", d.responseStatus());
        json.put("lastError", d.lastError());
        if (full) {
            json.put("payload", AlertPayloads.fromJson(d.payload()));
        }
        return json;
    }

    private static Map<String, Object> silence(Silence s, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        Map<String, Object> matchers = new LinkedHashMap<>();
        matchers.put("rule", s.rule());
        matchers.put("org", s.org());
        matchers.put("subject", s.subject());
        matchers.put("severity", s.severity());
        json.put("matchers", matchers);
        json.put("startsAt", s.startsAt());
        json.put("endsAt", s.endsAt());
        json.put("active", s.activeAt(now));
        json.put("comment", s.comment());
        json.put("createdBy", s.createdBy());
        json.put("createdAt", s.createdAt());
        return json;
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new ApiRequestException(400, "BAD_PARAMETER", "query parameter '" + name + "' must be one of "
                    + String.join(", ", allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList()));
        }
        return upper;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiRequestException(400, "BAD_PARAMETER", "'" + name + "' must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
