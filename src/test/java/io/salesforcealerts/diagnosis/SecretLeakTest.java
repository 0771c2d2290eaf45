package io.salesforcealerts.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.salesforcealerts.config.RuntimeSettings;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.simulator.SimulatorCredentials;
import io.salesforcealerts.support.LogCapture;
import io.salesforcealerts.support.RuntimeHarness;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs syncs that fail in every way we know, bad API requests and bad configuration, captures every
 * log line (our packages at DEBUG), every response and every stored error, and looks for the secrets.
 */
class SecretLeakTest {

    private static final String WRONG_SECRET = "Wr0ngConsumerSecret-7f3a9c";
    private static final String WRONG_PASSWORD = "Wr0ngPassw0rd-4d2e1b";

    @TempDir
    Path dataDir;

    @Test
    void noSecretReachesALogLineAResponseOrAStoredError() throws Exception {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture();
                SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(29L, 30))) {
            SimulatorCredentials c = simulator.org().credentials();
            Map<String, String> props = RuntimeHarness.defaults(simulator, dataDir);
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                seen.add(runtime.post("/api/sync").body());
                for (String[] login : new String[][] {{"invalid_client_id", "client identifier invalid"},
                        {"invalid_client", "invalid client credentials"}, {"invalid_grant", "authentication failure"},
                        {"invalid_grant", "ip restricted"}, {"invalid_app_access", "user is not admin approved to access this app"},
                        {"inactive_org", "org locked"}, {"rate_limit_exceeded", "Number of logins exceeded"}}) {
                    simulator.faults().loginError(login[0], login[1]);
                    simulator.faults().expireSessions();
                    seen.add(runtime.post("/api/sync").body());
                    seen.add(runtime.get("/api/status").body());
                    simulator.faults().clear();
                }
                for (String[] rest : new String[][] {{"401", "INVALID_SESSION_ID"}, {"403", "REQUEST_LIMIT_EXCEEDED"},
                        {"403", "API_DISABLED_FOR_ORG"}, {"500", "UNKNOWN_EXCEPTION"}}) {
                    simulator.faults().restError(null, -1, Integer.parseInt(rest[0]), rest[1], "failure " + rest[1], -1);
                    seen.add(runtime.post("/api/sync").body());
                    simulator.faults().clear();
                }
                simulator.faults().serverError(503, 10);
                seen.add(runtime.post("/api/sync").body());
                simulator.faults().clear();
                for (String[] request : new String[][] {{"GET", "/api/licenses?type=x"}, {"DELETE", "/api/status"},
                        {"GET", "/api/nothing"}, {"POST", "/api/sync?x=1"}}) {
                    seen.add(runtime.send(request[0], request[1]).body());
                }
                seen.add(runtime.send("GET", "/api/status", "Bearer " + c.password(), null).body());
                seen.add(runtime.get("/api/status").body());
                seen.add(runtime.get("/api/licenses").body());
                seen.add(storedErrors(runtime));
            }
            // wrong secrets configured: they must not show up either
            props.put("salesforce.consumer-secret", WRONG_SECRET);
            props.put("salesforce.password", WRONG_PASSWORD);
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                seen.add(runtime.post("/api/sync").body());
                props.put("salesforce.consumer-secret", c.consumerSecret());
            }
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                seen.add(runtime.post("/api/sync").body());
                seen.add(runtime.get("/api/status").body());
                seen.add(storedErrors(runtime));
            }
            props.put("salesforce.login-url", "http://127.0.0.1:" + RuntimeHarness.freePort());
            try (RuntimeHarness runtime = RuntimeHarness.start(props)) {
                seen.add(runtime.post("/api/sync").body());
            }
            seen.add(invalidConfiguration(c));

            String everything = String.join("\n", seen) + "\n" + logs.text();
            assertThat(everything).contains("invalid_client").contains("INVALID_SESSION_ID"); // the scan saw the failures
            for (String secret : List.of(c.consumerSecret(), c.password(), c.securityToken(), RuntimeHarness.API_TOKEN,
                    WRONG_SECRET, WRONG_PASSWORD)) {
                assertThat(everything).as("secret %s", secret).doesNotContain(secret);
            }
            assertThat(everything).as("the consumer key is shown masked only").doesNotContain(c.consumerKey());
        }
    }

    private static String storedErrors(RuntimeHarness runtime) throws Exception {
        StringBuilder errors = new StringBuilder();
        try (Connection conn = runtime.dataSource().getConnection(); Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT error_code, error_message FROM sync_run")) {
            while (rs.next()) {
                errors.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
            }
        }
        return errors.toString();
    }

    /** A configuration with problems next to real secrets: the message names keys, never values of secrets. */
    private static String invalidConfiguration(SimulatorCredentials c) throws Exception {
        Properties p = new Properties();
        p.setProperty("salesforce.login-url", "ftp://" + c.password());
        p.setProperty("salesforce.consumer-key", c.consumerKey());
        p.setProperty("salesforce.consumer-secret", c.consumerSecret());
        p.setProperty("salesforce.password", c.password());
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(p);
            RuntimeSettings.load(context.getPropertiesComponent());
            return "";
        } catch (RuntimeException e) {
            ByteArrayOutputStream trace = new ByteArrayOutputStream();
            e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
            return trace.toString(StandardCharsets.UTF_8).replace("ftp://" + c.password(), "ftp://<the login-url value>");
        }
    }

}
