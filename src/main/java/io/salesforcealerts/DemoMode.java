package io.salesforcealerts;

import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.simulator.SimulatorCredentials;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code --demo}: starts the built-in Salesforce simulator with a sample org on a loopback port,
 * points the runtime at it with an H2 database of its own under {@code ./data}, and prints what to try.
 * Sizes: {@code -Ddemo.users=2000 -Ddemo.seed=42}.
 */
final class DemoMode implements AutoCloseable {

    private final SalesforceSimulator simulator;

    private DemoMode(SalesforceSimulator simulator) {
        this.simulator = simulator;
    }

    static DemoMode start(Main main) throws Exception {
        int users = Integer.getInteger("demo.users", 2000);
        long seed = Long.getLong("demo.seed", 42L);
        SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(seed, users));
        SimulatorCredentials credentials = simulator.org().credentials();
        main.addOverrideProperty("salesforce.login-url", simulator.baseUrl());
        main.addOverrideProperty("salesforce.consumer-key", credentials.consumerKey());
        main.addOverrideProperty("salesforce.consumer-secret", credentials.consumerSecret());
        main.addOverrideProperty("salesforce.username", credentials.username());
        main.addOverrideProperty("salesforce.password", credentials.password());
        main.addOverrideProperty("salesforce.security-token", credentials.securityToken());
        main.addOverrideProperty("db.url", System.getProperty("demo.db-url", "jdbc:h2:file:./data/demo"));
        main.addOverrideProperty("sync.on-startup", "true");
        main.addOverrideProperty("api.token-file", "./data/demo-api-token");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                var properties = m.getCamelContext().getPropertiesComponent();
                String port = properties.resolveProperty("camel.server.port").orElse("8080");
                printBanner("http://localhost:" + port, apiToken(properties), simulator, users);
            }
        });
        return new DemoMode(simulator);
    }

    /** The configured token, or the one the runtime generated into api.token-file at start. */
    private static String apiToken(org.apache.camel.spi.PropertiesComponent properties) {
        return properties.resolveProperty("api.token").filter(t -> !t.isBlank()).orElseGet(() -> {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of(
                        properties.resolveProperty("api.token-file").orElse("./data/api-token"))).trim();
            } catch (java.io.IOException e) {
                return "<token>";
            }
        });
    }

    private static void printBanner(String api, String token, SalesforceSimulator simulator, int users) {
        System.out.println("""

                ==================================================================
                 salesforce-alerts demo: simulated org %s (%d users) at %s
                 A first sync is running now; the schedule syncs every 15 minutes.

                 API token (demo): %s
                 Sync now:        curl -s -X POST -H "Authorization: Bearer %s" %s/api/sync
                 Status:          curl -s -H "Authorization: Bearer %s" %s/api/status
                 Licences:        curl -s -H "Authorization: Bearer %s" %s/api/licenses
                 Health:          curl -s %s/observe/health
                 Data (H2 file):  ./data/demo.mv.db
                 Stop: Ctrl+C
                ==================================================================
                """.formatted(simulator.org().orgId(), users, simulator.baseUrl(), token, token, api, token, api, token, api,
                        api));
    }

    @Override
    public void close() {
        simulator.close();
    }
}
