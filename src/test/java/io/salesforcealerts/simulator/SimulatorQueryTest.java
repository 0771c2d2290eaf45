package io.salesforcealerts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.salesforcealerts.simulator.SimulatorHttp.API;
import static io.salesforcealerts.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatorQueryTest {

    private static final int USERS = 1_050;
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private static SalesforceSimulator simulator;
    private static SimulatorHttp http;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(42, USERS, Clock.fixed(NOW, ZoneOffset.UTC)));
        http = new SimulatorHttp(simulator);
        token = http.login();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
    }

    @Test
    void pagesThroughAllUsersWithTheRequestedBatchSize() throws Exception {
        simulator.stats().reset();
        HttpResponse<String> first = http.query("SELECT Id, Username FROM User", token,
                "Sforce-Query-Options", "batchSize=300");
        JsonNode page = json(first);
        assertThat(page.get("totalSize").asInt()).isEqualTo(USERS);
        assertThat(page.get("done").asBoolean()).isFalse();
        assertThat(page.get("nextRecordsUrl").asText()).matches("/services/data/v56\\.0/query/01g\\w{15}-300");

        Set<String> ids = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            pageSizes.add(page.get("records").size());
            page.get("records").forEach(r -> ids.add(r.get("Id").asText()));
            if (page.get("done").asBoolean()) {
                assertThat(page.has("nextRecordsUrl")).isFalse();
                break;
            }
            // the batch size is remembered by the cursor, as camel-salesforce's queryMore resends no options
            page = json(http.get(page.get("nextRecordsUrl").asText(), token));
        }
        assertThat(pageSizes).containsExactly(300, 300, 300, 150);
        assertThat(ids).hasSize(USERS);
        assertThat(simulator.stats().queryCalls()).isEqualTo(1);
        assertThat(simulator.stats().queryMoreCalls()).isEqualTo(3);
    }

    @Test
    void batchSizeIsClampedAndDefaultsTo2000() throws Exception {
        assertThat(json(http.query("SELECT Id FROM User", token, "Sforce-Query-Options", "batchSize=10"))
                .get("records").size()).isEqualTo(200);
        assertThat(json(http.query("SELECT Id FROM User", token)).get("records").size()).isEqualTo(USERS);
        assertThat(json(http.get(API + "/query?q=SELECT+Id+FROM+User", token)).get("done").asBoolean()).isTrue();
        assertThat(json(http.get(API + "/queryAll/?q=SELECT%20Id%20FROM%20User", token)).get("totalSize").asInt())
                .isEqualTo(USERS);
    }

    @Test
    void recordsCarryAttributesThenOnlyTheSelectedFieldsInSoqlOrderAndCanonicalCase() throws Exception {
        JsonNode record = json(http.query(
                "select systemmodstamp, ISACTIVE, username, id, LastLoginDate from user where id = '"
                        + simulator.org().user(0).id() + "'", token)).get("records").get(0);

        assertThat(record.fieldNames()).toIterable()
                .containsExactly("attributes", "SystemModstamp", "IsActive", "Username", "Id", "LastLoginDate");
        SimUser u = simulator.org().user(0);
        assertThat(record.get("attributes").get("type").asText()).isEqualTo("User");
        assertThat(record.get("attributes").get("url").asText()).isEqualTo(API + "/sobjects/User/" + u.id());
        assertThat(record.get("IsActive").isBoolean()).isTrue();
        assertThat(record.get("SystemModstamp").asText())
                .isEqualTo(PageWriter.DATETIME.format(u.systemModstamp()))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000\\+0000");
    }

    @Test
    void relationshipFieldsNestWithTheirOwnAttributes() throws Exception {
        JsonNode record = json(http.query("SELECT Id, Profile.Name, Name, Profile.UserLicense.Name, ProfileId"
                + " FROM User WHERE Id = '" + simulator.org().user(0).id() + "'", token)).get("records").get(0);

        assertThat(record.fieldNames()).toIterable().containsExactly("attributes", "Id", "Profile", "Name", "ProfileId");
        JsonNode profile = record.get("Profile");
        assertThat(profile.fieldNames()).toIterable().containsExactly("attributes", "Name", "UserLicense");
        assertThat(profile.get("attributes").get("type").asText()).isEqualTo("Profile");
        assertThat(profile.get("attributes").get("url").asText()).endsWith("/sobjects/Profile/" + record.get("ProfileId").asText());
        assertThat(profile.get("Name").asText()).isEqualTo("System Administrator");
        assertThat(profile.get("UserLicense").get("attributes").get("type").asText()).isEqualTo("UserLicense");
        assertThat(profile.get("UserLicense").get("Name").asText()).isEqualTo("Salesforce");
    }

    @Test
    void valuesUseJsonTypesAndSalesforceDateFormats() throws Exception {
        JsonNode licences = json(http.query("SELECT Name, TotalLicenses, MonthlyLoginsEntitlement FROM UserLicense"
                + " WHERE Name = 'salesforce'", token));
        assertThat(licences.get("totalSize").asInt()).isEqualTo(1);
        JsonNode sfdc = licences.get("records").get(0);
        assertThat(sfdc.get("TotalLicenses").isInt()).isTrue();
        assertThat(sfdc.get("MonthlyLoginsEntitlement").isNull()).isTrue();

        JsonNode psl = json(http.query("SELECT DeveloperName, ExpirationDate FROM PermissionSetLicense"
                + " WHERE ExpirationDate != null ORDER BY ExpirationDate LIMIT 1", token)).get("records").get(0);
        assertThat(psl.get("ExpirationDate").asText()).matches("\\d{4}-\\d\\d-\\d\\d");

        JsonNode pkg = json(http.query("SELECT NamespacePrefix, IsProvisioned, ExpirationDate FROM PackageLicense"
                + " WHERE AllowedLicenses = -1", token)).get("records").get(0);
        assertThat(pkg.get("IsProvisioned").isBoolean()).isTrue();
        assertThat(pkg.get("ExpirationDate").isNull()).isTrue();
    }

    @Test
    void whereOrderByAndLimitSelectAndSortUsers() throws Exception {
        String since = "2026-01-01T00:00:00Z";
        JsonNode page = json(http.query("SELECT Id, SystemModstamp FROM User WHERE SystemModstamp > " + since
                + " AND IsActive = true ORDER BY SystemModstamp DESC LIMIT 50", token));

        long expected = 0;
        for (int i = 0; i < USERS; i++) {
            SimUser u = simulator.org().user(i);
            if (u.isActive() && u.systemModstamp().isAfter(Instant.parse(since))) {
                expected++;
            }
        }
        assertThat(page.get("totalSize").asLong()).isEqualTo(Math.min(50, expected));
        List<String> stamps = new ArrayList<>();
        page.get("records").forEach(r -> stamps.add(r.get("SystemModstamp").asText()));
        assertThat(stamps).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(Instant.parse(stamps.get(stamps.size() - 1).replace("+0000", "Z")))
                .isAfter(Instant.parse(since));
    }

    @Test
    void soqlErrorsUseTheRestErrorArray() throws Exception {
        assertRestError(http.query("SELECT Naem FROM User", token), 400, "INVALID_FIELD",
                "\nSELECT Naem FROM User\n       ^\nERROR at Row:1:Column:8\nNo such column 'Naem' on entity 'User'.");
        assertRestError(http.query("SELECT Id FROM Foo", token), 400, "INVALID_TYPE", "sObject type 'Foo' is not supported.");
        assertRestError(http.query("SELECT Id FROM User ORDER", token), 400, "MALFORMED_QUERY", "unexpected token: <EOF>");
        assertRestError(http.get(API + "/query/", token), 400, "MALFORMED_QUERY", "A query string has to be specified");
        assertRestError(http.get(API + "/query/01g5g0000000099AAA-2000", token), 400, "INVALID_QUERY_LOCATOR",
                "invalid query locator");
        assertRestError(http.get(API + "/sobjects/Account", token), 404, "NOT_FOUND",
                "The requested resource does not exist");
    }

    @Test
    void removedAndDeniedObjectsFailLikeAnOrgWithoutTheFeatureOrPermission() throws Exception {
        SalesforceSimulator own = SalesforceSimulator.start(SimulatedOrg.generate(1, 10));
        try (own) {
            SimulatorHttp client = new SimulatorHttp(own);
            String t = client.login();
            own.org().removeObject("PackageLicense");
            own.org().denyObject("userlicense");

            assertRestError(client.query("SELECT Id FROM PackageLicense", t), 400, "INVALID_TYPE",
                    "sObject type 'PackageLicense' is not supported");
            assertRestError(client.query("SELECT Id FROM UserLicense", t), 403, "INSUFFICIENT_ACCESS",
                    "You do not have permission to query UserLicense");
            assertThat(client.query("SELECT Id FROM PermissionSetLicense", t).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void limitsListsDozensOfEntriesAndEveryCallConsumesOneApiRequest() throws Exception {
        HttpResponse<String> first = http.get(API + "/limits/", token);
        JsonNode limits = json(first);
        assertThat(limits.size()).isGreaterThan(30);
        assertThat(limits.get("DataStorageMB").get("Max").isNumber()).isTrue();
        assertThat(limits.get("DailyApiRequests").get("Max").asLong()).isEqualTo(15000);
        assertThat(limits.get("DailyApiRequests").get("Salesforce Mobile Dashboards").get("Max").asInt()).isZero();
        long remaining = limits.get("DailyApiRequests").get("Remaining").asLong();
        assertThat(first.headers().firstValue("Sforce-Limit-Info")).hasValue("api-usage=" + (15000 - remaining) + "/15000");

        http.query("SELECT Id FROM Profile", token);
        HttpResponse<String> second = http.get(API + "/limits", token);

        assertThat(json(second).get("DailyApiRequests").get("Remaining").asLong()).isEqualTo(remaining - 2);
        assertThat(second.headers().firstValue("Sforce-Limit-Info"))
                .hasValue("api-usage=" + (15000 - remaining + 2) + "/15000");
        assertThat(simulator.org().limit("DailyApiRequests").remaining()).isEqualTo(remaining - 2);
    }

    static void assertRestError(HttpResponse<String> response, int status, String errorCode, String messagePart)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        assertThat(body.get(0).get("errorCode").asText()).isEqualTo(errorCode);
        assertThat(body.get(0).get("message").asText()).contains(messagePart);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
    }
}
