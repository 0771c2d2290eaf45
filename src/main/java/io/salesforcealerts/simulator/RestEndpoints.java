package io.salesforcealerts.simulator;

import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API under /services/data: query, queryAll, nextRecordsUrl pages and limits.
 * Every call needs a Bearer token, counts against DailyApiRequests and reports
 * Sforce-Limit-Info; errors use Salesforce's JSON array shape.
 */
final class RestEndpoints implements HttpHandler {

    private static final Pattern VERSIONED = Pattern.compile("/services/data/v(\\d+\\.\\d+)(/.*)?");
    private static final Pattern QUERY_MORE = Pattern.compile("/query(?:All)?/([A-Za-z0-9]{15,18})-(\\d+)");
    private static final int DEFAULT_BATCH = 2000;
    private static final int MIN_BATCH = 200;

    private final SimulatedOrg org;
    private final SessionStore sessions;
    private final QueryCursorStore cursors = new QueryCursorStore();
    private final SimulatorFaults faults;
    private final SimulatorStats stats;

    RestEndpoints(SimulatedOrg org, SessionStore sessions, SimulatorFaults faults, SimulatorStats stats) {
        this.org = org;
        this.sessions = sessions;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpIO.drain(exchange);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/services/data") || path.equals("/services/data/")) {
            HttpIO.send(exchange, 200, HttpIO.JSON, versions(), faults);
            return;
        }
        Matcher m = VERSIONED.matcher(path);
        if (!m.matches()) {
            sendError(exchange, RestApiException.notFound(), false);
            return;
        }
        stats.restRequest();
        SimulatorFaults.ServerError serverError = faults.takeServerError();
        if (serverError != null) {
            sendServerError(exchange, serverError);
            return;
        }
        try {
            authorize(exchange);
            String resource = m.group(2) == null ? "" : stripSlash(m.group(2));
            byte[] body = route(exchange, m.group(1), resource);
            exchange.getResponseHeaders().set("Sforce-Limit-Info", org.limits().apiUsageHeader());
            HttpIO.send(exchange, 200, HttpIO.JSON, body, faults);
        } catch (RestApiException e) {
            sendError(exchange, e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(exchange, new RestApiException(503, "SERVER_UNAVAILABLE", "simulator shutting down"), true);
        }
    }

    /** Session first, then the request allowance, as Salesforce orders them. */
    private void authorize(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (!sessions.isValid(token)) {
            throw RestApiException.invalidSession();
        }
        faults.countAuthenticatedRequest();
        if (faults.isRequestLimitExceeded() || !org.limits().tryConsumeApiRequest()) {
            throw RestApiException.requestLimitExceeded();
        }
    }

    private byte[] route(HttpExchange exchange, String version, String resource) throws InterruptedException {
        Matcher more = QUERY_MORE.matcher(resource);
        if (resource.equals("/query") || resource.equals("/queryAll")) {
            requireGet(exchange);
            return query(exchange, version);
        } else if (more.matches()) {
            requireGet(exchange);
            return queryMore(exchange, version, more.group(1), Integer.parseInt(more.group(2)));
        } else if (resource.equals("/limits")) {
            stats.limitsCall();
            injectedError(null, -1);
            return HttpIO.json(gen -> org.limits().writeJson(gen));
        } else if (resource.isEmpty()) {
            injectedError(null, -1);
            return resources(version);
        }
        throw RestApiException.notFound();
    }

    private byte[] query(HttpExchange exchange, String version) throws InterruptedException {
        stats.query();
        String soql = HttpIO.queryParams(exchange).get("q");
        if (soql == null || soql.isBlank()) {
            throw new RestApiException(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlQuery query = SoqlParser.parse(soql, org::schema);
        if (org.isDenied(query.sobject().name())) {
            throw new RestApiException(403, "INSUFFICIENT_ACCESS",
                    "You do not have permission to query " + query.sobject().name());
        }
        injectedError(query.sobject().name(), 0);
        awaitGateAndDelay();
        // Salesforce answers an object the user may not see with zero rows rather than an error
        RowSet rows = org.isHidden(query.sobject().name()) ? RowSet.of(List.of()) : QueryExecutor.execute(org, query);
        int batch = batchSize(exchange, DEFAULT_BATCH);
        int count = Math.min(batch, rows.size());
        // a cursor is only needed when more pages follow
        String cursorId = count < rows.size() ? cursors.open(query, rows, batch).id() : null;
        PageWriter writer = new PageWriter(org, version, query);
        return HttpIO.json(gen -> writer.write(gen, rows, 0, count, cursorId));
    }

    private byte[] queryMore(HttpExchange exchange, String version, String cursorId, int offset)
            throws InterruptedException {
        stats.queryMore();
        QueryCursor cursor = cursors.get(cursorId);
        if (cursor == null || offset <= 0 || offset >= cursor.rows().size()) {
            throw new RestApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        injectedError(cursor.query().sobject().name(), (offset + cursor.batchSize() - 1) / cursor.batchSize());
        awaitGateAndDelay();
        int count = Math.min(batchSize(exchange, cursor.batchSize()), cursor.rows().size() - offset);
        PageWriter writer = new PageWriter(org, version, cursor.query());
        return HttpIO.json(gen -> writer.write(gen, cursor.rows(), offset, count, cursor.id()));
    }

    private void injectedError(String sobject, int page) {
        SimulatorFaults.RestErrorRule rule = faults.takeRestError(sobject, page);
        if (rule != null) {
            throw new RestApiException(rule.status, rule.errorCode, rule.message);
        }
    }

    private void awaitGateAndDelay() throws InterruptedException {
        QueryGate gate = faults.gate();
        if (gate != null) {
            gate.pass();
        }
        Duration delay = faults.pageDelay();
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis());
        }
    }

    /** {@code Sforce-Query-Options: batchSize=N}, clamped to 200..2000 like Salesforce. */
    private static int batchSize(HttpExchange exchange, int fallback) {
        String options = exchange.getRequestHeaders().getFirst("Sforce-Query-Options");
        if (options != null) {
            for (String option : options.split("[,;]")) {
                String[] kv = option.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("batchSize")) {
                    try {
                        return Math.max(MIN_BATCH, Math.min(DEFAULT_BATCH, Integer.parseInt(kv[1].trim())));
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                }
            }
        }
        return fallback;
    }

    private static void requireGet(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new RestApiException(405, "METHOD_NOT_ALLOWED",
                    "HTTP Method '" + method + "' not allowed. Allowed are GET,HEAD");
        }
    }

    private void sendError(HttpExchange exchange, RestApiException e, boolean withUsage) throws IOException {
        if (withUsage) {
            exchange.getResponseHeaders().set("Sforce-Limit-Info", org.limits().apiUsageHeader());
        }
        HttpIO.send(exchange, e.status(), HttpIO.JSON, HttpIO.errorArray(e.errorCode(), e.getMessage()), faults);
    }

    /** Gateways answer with HTML, Salesforce's own 500 with JSON: clients must cope with both. */
    private void sendServerError(HttpExchange exchange, SimulatorFaults.ServerError error) throws IOException {
        if (error.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(error.retryAfter().toSeconds()));
        }
        if (error.status() == 500) {
            HttpIO.send(exchange, 500, HttpIO.JSON, HttpIO.errorArray("UNKNOWN_EXCEPTION",
                    "An unexpected error occurred. Please include this ErrorId if you contact support: "
                            + "1234567890-12345 (-1234567890)"), faults);
        } else {
            String reason = switch (error.status()) {
                case 502 -> "Bad Gateway";
                case 504 -> "Gateway Timeout";
                default -> "Service Unavailable";
            };
            String html = "<html><head><title>" + error.status() + " " + reason + "</title></head><body><h1>"
                    + error.status() + " " + reason + "</h1><p>The server is temporarily unable to service your"
                    + " request.</p></body></html>";
            HttpIO.send(exchange, error.status(), "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8),
                    faults);
        }
    }

    private static byte[] versions() {
        return HttpIO.json(gen -> {
            gen.writeStartArray();
            String[][] versions = {{"Winter '23", "56.0"}, {"Spring '23", "57.0"}, {"Summer '23", "58.0"}, {"Winter '24", "59.0"},
                {"Spring '24", "60.0"}, {"Summer '24", "61.0"}, {"Winter '25", "62.0"}};
            for (String[] v : versions) {
                gen.writeStartObject();
                gen.writeStringField("label", v[0]);
                gen.writeStringField("url", "/services/data/v" + v[1]);
                gen.writeStringField("version", v[1]);
                gen.writeEndObject();
            }
            gen.writeEndArray();
        });
    }

    private static byte[] resources(String version) {
        return HttpIO.json(gen -> {
            gen.writeStartObject();
            for (String r : new String[] {"limits", "query", "queryAll"}) {
                gen.writeStringField(r, "/services/data/v" + version + "/" + r);
            }
            gen.writeEndObject();
        });
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
