package io.salesforcealerts.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;

/**
 * Reads the query string of an API request (not the headers, which platform-http mixes with query
 * parameters) and refuses parameters the endpoint does not know.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static Map<String, String> parse(Exchange exchange, Set<String> allowed) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw new ApiRequestException(400, "BAD_PARAMETER", "unknown query parameter '" + name + "'"
                        + (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: " + String.join(", ", allowed)));
            }
            if (params.put(name, value) != null) {
                throw new ApiRequestException(400, "BAD_PARAMETER", "query parameter '" + name + "' is given twice");
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiRequestException(400, "BAD_PARAMETER", "query string is not properly encoded");
        }
    }
}
