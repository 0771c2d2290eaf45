package io.salesforcealerts.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Request parsing and response writing shared by the endpoints. */
final class HttpIO {

    static final String JSON = "application/json;charset=UTF-8";
    static final JsonFactory JSON_FACTORY = new JsonFactory();

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator gen) throws IOException;
    }

    private HttpIO() {
    }

    /** Renders a body with the streaming generator; pages are bounded (2,000 rows), so buffering is cheap. */
    static byte[] json(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator gen = JSON_FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Salesforce's REST error shape: always an array. */
    static byte[] errorArray(String errorCode, String message) {
        return json(gen -> {
            gen.writeStartArray();
            gen.writeStartObject();
            gen.writeStringField("message", message);
            gen.writeStringField("errorCode", errorCode);
            gen.writeArrayFieldStart("fields");
            gen.writeEndArray();
            gen.writeEndObject();
            gen.writeEndArray();
        });
    }

    /** The OAuth endpoints' error shape. */
    static byte[] oauthError(String error, String description) {
        return json(gen -> {
            gen.writeStartObject();
            gen.writeStringField("error", error);
            gen.writeStringField("error_description", description);
            gen.writeEndObject();
        });
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body, SimulatorFaults faults)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (faults.takeTruncate()) {
            // announce the full length, send half, then drop the connection
            exchange.sendResponseHeaders(status, Math.max(body.length, 2));
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            throw new IOException("simulated truncated response");
        }
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                out.write(body);
            }
        }
    }

    static Map<String, String> queryParams(HttpExchange exchange) {
        return parseForm(exchange.getRequestURI().getRawQuery());
    }

    /** Query-string parameters overlaid with a form-encoded body. */
    static Map<String, String> formParams(HttpExchange exchange) throws IOException {
        Map<String, String> params = queryParams(exchange);
        try (InputStream in = exchange.getRequestBody()) {
            params.putAll(parseForm(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return params;
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Drains an unread request body so the connection can be reused. */
    static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
