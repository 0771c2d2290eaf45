package io.salesforcealerts.simulator;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The org's /limits values; DailyApiRequests is consumed by every REST call. Thread-safe. */
final class OrgLimits {

    static final String DAILY_API_REQUESTS = "DailyApiRequests";

    private final Clock clock;
    private final Map<String, OrgLimit> limits = new LinkedHashMap<>();
    /** Real orgs list per-connected-app quotas inside some entries; clients must tolerate them. */
    private final Map<String, Map<String, OrgLimit>> perApp = new LinkedHashMap<>();
    private LocalDate day;

    OrgLimits(Clock clock) {
        this.clock = clock;
        this.day = today();
        // values of a typical Enterprise Edition org
        put("ActiveScratchOrgs", 0, 0);
        put("AnalyticsExternalDataSizeMB", 40960, 40960);
        put("ConcurrentAsyncGetReportInstances", 200, 200);
        put("ConcurrentEinsteinDataInsightsStoryCreation", 5, 5);
        put("ConcurrentEinsteinDiscoveryStoryCreation", 2, 2);
        put("ConcurrentSyncReportRuns", 20, 20);
        put("DailyAnalyticsDataflowJobExecutions", 60, 60);
        put("DailyAnalyticsUploadedFilesSizeMB", 51200, 51200);
        put(DAILY_API_REQUESTS, 15000, 14820);
        perApp.put(DAILY_API_REQUESTS, new LinkedHashMap<>(Map.of(
                "Salesforce Mobile Dashboards", new OrgLimit(0, 0))));
        put("DailyAsyncApexExecutions", 250000, 249874);
        put("DailyAsyncApexTests", 500, 500);
        put("DailyBulkApiBatches", 15000, 15000);
        put("DailyBulkV2QueryFileStorageMB", 976562, 976562);
        put("DailyBulkV2QueryJobs", 10000, 10000);
        put("DailyDeliveredPlatformEvents", 10000, 10000);
        put("DailyDurableGenericStreamingApiEvents", 10000, 10000);
        put("DailyDurableStreamingApiEvents", 10000, 10000);
        put("DailyEinsteinDataInsightsStoryCreation", 1000, 1000);
        put("DailyEinsteinDiscoveryPredictAPICalls", 50000, 50000);
        put("DailyEinsteinDiscoveryStoryCreation", 100, 100);
        put("DailyFunctionsApiCallLimit", 235000, 235000);
        put("DailyGenericStreamingApiEvents", 10000, 10000);
        put("DailyScratchOrgs", 0, 0);
        put("DailyStandardVolumePlatformEvents", 10000, 10000);
        put("DailyStreamingApiEvents", 10000, 10000);
        put("DailyWorkflowEmails", 2000, 1987);
        put("DataStorageMB", 1024, 912);
        put("DurableStreamingApiConcurrentClients", 20, 20);
        put("FileStorageMB", 2048, 1623);
        put("HourlyAsyncReportRuns", 1200, 1200);
        put("HourlyDashboardRefreshes", 200, 200);
        put("HourlyDashboardResults", 5000, 5000);
        put("HourlyDashboardStatuses", 999999999, 999999999);
        put("HourlyLongTermIdMapping", 100000, 100000);
        put("HourlyManagedContentPublicRequests", 50000, 50000);
        put("HourlyODataCallout", 10000, 10000);
        put("HourlyPublishedPlatformEvents", 50000, 50000);
        put("HourlyPublishedStandardVolumePlatformEvents", 100000, 100000);
        put("HourlyShortTermIdMapping", 100000, 100000);
        put("HourlySyncReportRuns", 500, 500);
        put("HourlyTimeBasedWorkflow", 1000, 1000);
        put("MassEmail", 5000, 5000);
        put("Package2VersionCreates", 0, 0);
        put("PrivateConnectOutboundCalloutHourlyLimitMB", 0, 0);
        put("SingleEmail", 5000, 4998);
        put("StreamingApiConcurrentClients", 20, 20);
    }

    private void put(String name, long max, long remaining) {
        limits.put(name, new OrgLimit(max, remaining));
    }

    synchronized void set(String name, long max, long remaining) {
        put(name, max, remaining);
    }

    synchronized OrgLimit get(String name) {
        return limits.get(name);
    }

    /**
     * Counts one API request. Returns false, without counting, once the daily allowance is used up.
     * The allowance refills when the clock's UTC day changes, so a long-running demo keeps working.
     */
    synchronized boolean tryConsumeApiRequest() {
        OrgLimit api = limits.get(DAILY_API_REQUESTS);
        LocalDate now = today();
        if (!now.equals(day)) {
            day = now;
            api = new OrgLimit(api.max(), api.max());
        }
        if (api.remaining() <= 0) {
            limits.put(DAILY_API_REQUESTS, api);
            return false;
        }
        limits.put(DAILY_API_REQUESTS, new OrgLimit(api.max(), api.remaining() - 1));
        return true;
    }

    /** Value of the Sforce-Limit-Info header. */
    synchronized String apiUsageHeader() {
        OrgLimit api = limits.get(DAILY_API_REQUESTS);
        return "api-usage=" + api.used() + "/" + api.max();
    }

    synchronized void writeJson(JsonGenerator gen) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, OrgLimit> e : limits.entrySet()) {
            gen.writeFieldName(e.getKey());
            gen.writeStartObject();
            gen.writeNumberField("Max", e.getValue().max());
            gen.writeNumberField("Remaining", e.getValue().remaining());
            for (Map.Entry<String, OrgLimit> app : perApp.getOrDefault(e.getKey(), Map.of()).entrySet()) {
                gen.writeObjectFieldStart(app.getKey());
                gen.writeNumberField("Max", app.getValue().max());
                gen.writeNumberField("Remaining", app.getValue().remaining());
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }
        gen.writeEndObject();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
