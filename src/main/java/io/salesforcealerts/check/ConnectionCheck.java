package io.salesforcealerts.check;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesforcealerts.config.RuntimeSettings;
import io.salesforcealerts.sync.SyncError;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * {@code java -jar salesforce-alerts.jar check}: a one-off connection check that prints a checklist
 * line per step (database, login, {@code /limits}, one probe query per object) with the hint of any
 * failure. Passes when every step passes.
 */
public final class ConnectionCheck {

    private static final List<String> OBJECTS = List.of("UserLicense", "PermissionSetLicense", "PackageLicense", "User");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;
    private final RuntimeSettings settings;
    private final PrintStream out;
    private int failures;

    public ConnectionCheck(CamelContext context, RuntimeSettings settings, PrintStream out) {
        this.context = context;
        this.settings = settings;
        this.out = out;
    }

    /** @return true when every step passed */
    public boolean run() {
        RuntimeSettings.SalesforceSettings sf = settings.salesforce();
        String host = URI.create(sf.loginUrl()).getAuthority();
        out.printf("salesforce-alerts connection check: %s, flow %s%s%n", sf.loginUrl(), sf.authFlow().key(),
                sf.username() == null ? "" : ", user " + sf.username());
        pass("configuration");
        checkDatabase();
        boolean loggedIn = checkLogin(host);
        try (ProducerTemplate template = context.createProducerTemplate()) {
            if (loggedIn) {
                checkLimits(template, host);
            } else {
                skip("/limits");
            }
            for (String object : OBJECTS) {
                if (loggedIn) {
                    checkObject(template, object, host);
                } else {
                    skip("read " + object);
                }
            }
        } catch (Exception e) {
            fail("checks", SyncError.from(e, host));
        }
        out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
        return failures == 0;
    }

    private void checkDatabase() {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        try (Connection c = dataSource.getConnection()) {
            pass("database " + c.getMetaData().getDatabaseProductName());
        } catch (Exception e) {
            fail("database", SyncError.from(e));
        }
    }

    private boolean checkLogin(String host) {
        try {
            SalesforceComponent salesforce = context.getComponent("salesforce", SalesforceComponent.class);
            salesforce.getSession().login(salesforce.getSession().getAccessToken());
            pass("login (org " + salesforce.getSession().getOrgId() + ")");
            return true;
        } catch (Exception e) {
            fail("login", SyncError.from(e, host));
            return false;
        }
    }

    private void checkLimits(ProducerTemplate template, String host) {
        try {
            JsonNode limits = JSON.readTree(template.requestBody("salesforce:limits?rawPayload=true", null, InputStream.class));
            JsonNode api = limits.path("DailyApiRequests");
            pass("/limits (DailyApiRequests " + api.path("Remaining").asText("?") + " of " + api.path("Max").asText("?")
                    + " left)");
        } catch (Exception e) {
            fail("/limits", SyncError.from(e, host));
        }
    }

    private void checkObject(ProducerTemplate template, String object, String host) {
        try {
            InputStream page = template.requestBodyAndHeader("salesforce:query?rawPayload=true", null, "sObjectQuery",
                    "SELECT Id FROM " + object + " LIMIT 1", InputStream.class);
            int rows = JSON.readTree(page).path("records").size();
            if (rows == 0 && object.equals("UserLicense")) {
                fail("read " + object, SyncError.of("NO_LICENCE_DATA", "the UserLicense query returned no rows"));
            } else {
                pass("read " + object);
            }
        } catch (Exception e) {
            fail("read " + object, SyncError.from(e, host));
        }
    }

    private void pass(String step) {
        out.println("  [PASS] " + step);
    }

    private void skip(String step) {
        failures++;
        out.println("  [FAIL] " + step + ": not tried, the login failed");
    }

    private void fail(String step, SyncError error) {
        failures++;
        out.println("  [FAIL] " + step + ": " + error.code() + " " + error.message());
        out.println("         hint: " + error.hint());
    }
}
