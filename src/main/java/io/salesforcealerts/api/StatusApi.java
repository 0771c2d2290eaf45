package io.salesforcealerts.api;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.salesforcealerts.config.RuntimeSettings;
import io.salesforcealerts.sync.SyncError;
import io.salesforcealerts.sync.SyncRunRepository;
import io.salesforcealerts.sync.SyncRunRepository.StoredRun;
import io.salesforcealerts.sync.SyncRunService;
import org.apache.camel.Exchange;

/** {@code GET /api/status}: configuration in effect (no secrets), the last sync and the last successful fetch. */
public class StatusApi {

    private final RuntimeSettings settings;
    private final SyncRunRepository runs;
    private final SyncRunService syncs;

    public StatusApi(RuntimeSettings settings, SyncRunRepository runs, SyncRunService syncs) {
        this.settings = settings;
        this.runs = runs;
        this.syncs = syncs;
    }

    public void status(Exchange exchange) throws SQLException {
        QueryParameters.parse(exchange, Set.of());
        Optional<StoredRun> last = runs.findLatest();
        Optional<StoredRun> lastSuccess = runs.findLatestSuccessful();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", settings.sync().enabled());
        body.put("schedule", settings.sync().schedule());
        body.put("loginUrl", settings.salesforce().loginUrl());
        body.put("authFlow", settings.salesforce().authFlow().key());
        body.put("username", settings.salesforce().username());
        body.put("consumerKey", maskKey(settings.salesforce().consumerKey()));
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("consumerSecret", isSet(settings.salesforce().consumerSecret()));
        secrets.put("password", isSet(settings.salesforce().password()));
        secrets.put("securityToken", isSet(settings.salesforce().securityToken()));
        secrets.put("jwtPrivateKey", settings.salesforce().jwt() == null ? "not set" : "set");
        body.put("secrets", secrets);
        body.put("orgId", lastSuccess.or(() -> last).map(StoredRun::orgId).orElse(null));
        body.put("running", syncs.isRunning());
        body.put("lastSuccessfulFetchAt", lastSuccess.map(StoredRun::finishedAt).orElse(null));
        body.put("lastSync", last.map(StatusApi::toJson).orElse(null));
        body.put("lastError", last.filter(r -> r.errorCode() != null)
                .map(r -> SyncApi.error(SyncError.of(r.errorCode(), r.errorMessage()))).orElse(null));
        JsonResponses.respond(exchange, 200, body);
    }

    /** Enough of the Consumer Key to tell apps apart ({@code 3MVG9...ab12}), never the whole key. */
    static String maskKey(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        return key.length() <= 12 ? "..." : key.substring(0, 5) + "..." + key.substring(key.length() - 4);
    }

    private static String isSet(String secret) {
        return secret == null || secret.isEmpty() ? "not set" : "set";
    }

    static Map<String, Object> toJson(StoredRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("syncId", run.id());
        json.put("status", run.status().name());
        json.put("trigger", run.trigger());
        json.put("orgId", run.orgId());
        json.put("startedAt", run.startedAt());
        json.put("finishedAt", run.finishedAt());
        json.put("counts", run.counts());
        if (run.usersMode() != null) {
            json.put("usersMode", run.usersMode());
        }
        json.put("skipped", run.skipped());
        if (!run.rejected().isEmpty()) { // PARTIAL
            json.put("rejected", run.rejected());
        }
        json.put("error", run.errorCode() == null ? null
                : SyncApi.error(SyncError.of(run.errorCode(), run.errorMessage())));
        return json;
    }
}
