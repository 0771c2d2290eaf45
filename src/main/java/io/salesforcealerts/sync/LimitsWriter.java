package io.salesforcealerts.sync;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesforcealerts.sync.OrgLimitRepository.OrgLimit;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every entry of a {@code /limits} response ({@code {"DailyApiRequests":{"Max":15000,"Remaining":14820},..}}),
 * after the API budget guard: when DailyApiRequests Remaining is under {@code sync.api-reserve-percent} of Max,
 * nothing is written and the sync ends SKIPPED. An entry with unusable numbers is counted as rejected.
 */
public class LimitsWriter {

    public static final String OBJECT = "Limits";
    public static final String DAILY_API_REQUESTS = "DailyApiRequests";
    private static final Logger LOG = LoggerFactory.getLogger(LimitsWriter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OrgLimitRepository repository;
    private final int reservePercent;

    public LimitsWriter(OrgLimitRepository repository, int reservePercent) {
        this.repository = repository;
        this.reservePercent = reservePercent;
    }

    public void write(Exchange exchange) throws SQLException {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        int[] rejected = {0};
        List<OrgLimit> limits = parse(exchange.getMessage().getBody(InputStream.class), rejected);
        checkBudget(limits);
        repository.insert(run, limits, run.startedAt());
        run.addRecords(OBJECT, limits.size());
        if (rejected[0] > 0) {
            run.addRejected(OBJECT, rejected[0]);
        }
    }

    /** @throws SyncSkippedException when the org's daily API allowance is down to the reserve */
    void checkBudget(List<OrgLimit> limits) {
        if (reservePercent <= 0) {
            return;
        }
        for (OrgLimit l : limits) {
            if (DAILY_API_REQUESTS.equals(l.name()) && l.max() != null && l.remaining() != null && l.max() > 0
                    && l.remaining() * 100.0 < reservePercent * (double) l.max()) {
                throw new SyncSkippedException(SyncError.of("API_BUDGET_RESERVE", "DailyApiRequests remaining "
                        + l.remaining() + " of " + l.max() + " is under the reserve of " + reservePercent
                        + "% (sync.api-reserve-percent); the sync was not run"));
            }
        }
    }

    static List<OrgLimit> parse(InputStream body) {
        return parse(body, new int[1]);
    }

    static List<OrgLimit> parse(InputStream body, int[] rejected) {
        JsonNode root;
        try {
            root = body == null ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedSalesforceResponseException("limits response could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedSalesforceResponseException("limits response is not a JSON object");
        }
        List<OrgLimit> limits = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            // per-app sub-entries (e.g. "Salesforce Mobile Dashboards" under DailyApiRequests) are not stored
            if (entry.getValue().isObject() && entry.getValue().has("Max")) {
                try {
                    limits.add(new OrgLimit(entry.getKey(), SalesforceValues.wholeNumber(entry.getValue(), "Max"),
                            SalesforceValues.wholeNumber(entry.getValue(), "Remaining")));
                } catch (InvalidRecordException e) {
                    rejected[0]++;
                    LOG.warn("Limits entry {} not used: {}", entry.getKey(), e.getMessage());
                }
            }
        }
        return limits;
    }
}
