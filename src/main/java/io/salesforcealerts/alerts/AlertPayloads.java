package io.salesforcealerts.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The bodies sent to each channel type. The outbox stores the generic webhook payload; Slack, Teams
 * and the log are rendered from it when sent, so a stored notification can go to any channel.
 */
public final class AlertPayloads {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AlertPayloads() {
    }

    /** The documented webhook payload (README, "Alerts"). */
    public static Map<String, Object> webhook(AlertEvent e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("fingerprint", e.getFingerprint());
        p.put("state", e.getState());
        p.put("rule", e.getRule());
        p.put("severity", e.getSeverity());
        p.put("org", e.getOrg());
        p.put("subject", e.getSubject());
        p.put("metric", e.getMetric());
        p.put("value", e.getValue());
        p.put("threshold", e.getThreshold());
        p.put("message", e.getMessage());
        p.put("startsAt", e.getStartsAt());
        p.put("endsAt", e.getEndsAt());
        p.put("repeat", e.getKind() == AlertEvent.Kind.REPEAT);
        return p;
    }

    /** Slack incoming webhook: {@code text} for notifications, {@code blocks} for the message. */
    public static Map<String, Object> slack(Map<String, Object> p) {
        String title = title(p);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", truncate(title, 150))));
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", String.valueOf(p.get("message")))));
        List<Object> fields = new ArrayList<>();
        for (String[] f : facts(p)) {
            fields.add(Map.of("type", "mrkdwn", "text", "*" + f[0] + "*\n" + f[1]));
        }
        blocks.add(Map.of("type", "section", "fields", fields.subList(0, Math.min(10, fields.size()))));
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                "text", "fingerprint `" + p.get("fingerprint") + "`"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", title + ": " + p.get("message"));
        body.put("blocks", blocks);
        return body;
    }

    /** Microsoft Teams incoming webhook (Workflows): a message with one Adaptive Card. */
    public static Map<String, Object> teams(Map<String, Object> p) {
        List<Object> facts = new ArrayList<>();
        for (String[] f : facts(p)) {
            facts.add(Map.of("title", f[0], "value", f[1]));
        }
        boolean resolved = "resolved".equals(p.get("state"));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(
                Map.of("type", "TextBlock", "text", title(p), "weight", "Bolder", "size", "Medium", "wrap", true,
                        "color", resolved ? "Good" : "critical".equals(p.get("severity")) ? "Attention" : "Warning"),
                Map.of("type", "TextBlock", "text", String.valueOf(p.get("message")), "wrap", true),
                Map.of("type", "FactSet", "facts", facts)));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "message");
        body.put("attachments", List.of(attachment));
        return body;
    }

    /** One log line. */
    public static String logLine(Map<String, Object> p) {
        return title(p) + ": " + p.get("message") + " [org " + p.get("org") + ", fingerprint " + p.get("fingerprint") + "]";
    }

    private static String title(Map<String, Object> p) {
        String state = "resolved".equals(p.get("state")) ? "RESOLVED" : "FIRING";
        return "[" + state + "] " + String.valueOf(p.get("severity")).toUpperCase(java.util.Locale.ROOT) + " "
                + p.get("rule") + " - " + p.get("subject");
    }

    private static List<String[]> facts(Map<String, Object> p) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"Rule", String.valueOf(p.get("rule"))});
        facts.add(new String[] {"Severity", String.valueOf(p.get("severity"))});
        facts.add(new String[] {"Org", String.valueOf(p.get("org"))});
        facts.add(new String[] {"Subject", String.valueOf(p.get("subject"))});
        facts.add(new String[] {"Value", p.get("value") == null ? "-" : AlertEvent.format(((Number) p.get("value")).doubleValue())});
        facts.add(new String[] {"Threshold", AlertEvent.format(((Number) p.get("threshold")).doubleValue())});
        facts.add(new String[] {"Since", String.valueOf(p.get("startsAt"))});
        if (p.get("endsAt") != null) {
            facts.add(new String[] {"Resolved at", String.valueOf(p.get("endsAt"))});
        }
        return facts;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert payload could not be written as JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fromJson(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert payload is not JSON", e);
        }
    }

    /** A JSON object from a client; null when the JSON is not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fromJsonStrict(String json) throws JsonProcessingException {
        Object value = JSON.readValue(json, Object.class);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
