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

/** Stores every entry of a {@code /limits} response ({@code {"DailyApiRequests":{"Max":15000,"Remaining":14820},..}}). */
public class LimitsWriter {

    public static final String OBJECT = "Limits";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OrgLimitRepository repository;

    public LimitsWriter(OrgLimitRepository repository) {
        this.repository = repository;
    }

    public void write(Exchange exchange) throws SQLException {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        List<OrgLimit> limits = parse(exchange.getMessage().getBody(InputStream.class));
        repository.insert(run, limits, run.startedAt());
        run.addRecords(OBJECT, limits.size());
    }

    static List<OrgLimit> parse(InputStream body) {
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
                limits.add(new OrgLimit(entry.getKey(), SalesforceValues.wholeNumber(entry.getValue(), "Max"),
                        SalesforceValues.wholeNumber(entry.getValue(), "Remaining")));
            }
        }
        return limits;
    }
}
