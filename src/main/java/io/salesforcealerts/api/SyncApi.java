package io.salesforcealerts.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.salesforcealerts.sync.SyncError;
import io.salesforcealerts.sync.SyncResult;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/** {@code POST /api/sync}: 200 on success, 502 when Salesforce or the database failed, 409 while another sync runs. */
public class SyncApi {

    public void validate(Exchange exchange) {
        QueryParameters.parse(exchange, Set.of());
    }

    public void respond(Exchange exchange) throws InvalidPayloadException {
        SyncResult result = exchange.getMessage().getMandatoryBody(SyncResult.class);
        int status = switch (result.status()) {
            case SUCCESS, PARTIAL, SKIPPED -> 200;
            case RUNNING -> 409;
            default -> 502;
        };
        JsonResponses.respond(exchange, status, toJson(result));
    }

    static Map<String, Object> toJson(SyncResult r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.status().name());
        body.put("syncId", r.syncId());
        if (r.alreadyRunning()) {
            body.put("message", "another sync is running; try again when it has finished");
            body.put("startedAt", r.startedAt());
            return body;
        }
        body.put("orgId", r.orgId());
        body.put("startedAt", r.startedAt());
        body.put("finishedAt", r.finishedAt());
        body.put("counts", r.counts());
        if (r.usersMode() != null) { // FULL or INCREMENTAL: how the User records in counts were fetched
            body.put("usersMode", r.usersMode().name());
        }
        body.put("skipped", r.skipped());
        if (!r.rejected().isEmpty()) { // PARTIAL: records per object that could not be used
            body.put("rejected", r.rejected());
        }
        if (r.error() != null) {
            body.put("error", error(r.error()));
        }
        return body;
    }

    static Map<String, Object> error(SyncError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.message());
        error.put("hint", e.hint());
        return error;
    }
}
