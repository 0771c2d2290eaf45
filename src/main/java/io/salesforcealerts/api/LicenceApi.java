package io.salesforcealerts.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.salesforcealerts.db.JdbcValues;
import io.salesforcealerts.sync.SyncRunRepository;
import io.salesforcealerts.sync.SyncRunRepository.StoredRun;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/licenses[?type=UserLicense]}: the latest complete snapshot. The route reads it
 * with camel-jdbc from the {@code latest_licence} view; this bean checks the request and shapes the rows.
 */
public class LicenceApi {

    public static final String ORG_HEADER = "orgId";
    public static final String TYPE_HEADER = "licenceType";
    private static final Set<String> TYPES = Set.of("UserLicense", "PermissionSetLicense", "PackageLicense");

    private final SyncRunRepository runs;

    public LicenceApi(SyncRunRepository runs) {
        this.runs = runs;
    }

    /** Validates the query and sets the {@code orgId} header the SQL needs (the org of the last successful sync). */
    public void prepare(Exchange exchange) throws SQLException {
        Map<String, String> params = QueryParameters.parse(exchange, Set.of("type"));
        String type = params.get("type");
        if (type != null && !TYPES.contains(type)) {
            throw new ApiRequestException(400, "BAD_PARAMETER",
                    "query parameter 'type' must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
        }
        exchange.getMessage().setHeader(TYPE_HEADER, type);
        exchange.getMessage().setHeader(ORG_HEADER, runs.findLatestSuccessful().map(StoredRun::orgId).orElse(""));
    }

    public void respond(Exchange exchange) {
        String type = exchange.getMessage().getHeader(TYPE_HEADER, String.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        List<Map<String, Object>> licences = new ArrayList<>();
        for (Map<String, Object> raw : rows == null ? List.<Map<String, Object>>of() : rows) {
            Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // H2 upper-cases column names
            row.putAll(raw);
            if (type == null || type.equals(row.get("licence_type"))) {
                licences.add(toJson(row));
            }
        }
        JsonResponses.respond(exchange, 200, licences);
    }

    static Map<String, Object> toJson(Map<String, Object> row) {
        Integer total = asInteger(row.get("total_licenses"));
        Integer used = asInteger(row.get("used_licenses"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", row.get("licence_type"));
        json.put("id", row.get("licence_id"));
        json.put("key", row.get("licence_key"));
        json.put("name", row.get("name"));
        json.put("total", total);
        json.put("used", used);
        // a total of -1 (site-wide package) or 0 has no meaningful availability or utilisation
        boolean bounded = total != null && total > 0 && used != null;
        json.put("available", bounded ? Integer.valueOf(total - used) : null);
        json.put("utilization", bounded ? Math.round(used * 10000.0 / total) / 10000.0 : null);
        json.put("status", row.get("status"));
        json.put("expiresAt", JdbcValues.toInstant(row.get("expires_at")));
        json.put("capturedAt", JdbcValues.toInstant(row.get("captured_at")));
        return json;
    }

    private static Integer asInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

}
