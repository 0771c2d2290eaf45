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
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                String port = m.getCamelContext().getPropertiesComponent().resolveProperty("camel.server.port").orElse("8080");
                printBanner("http://localhost:" + port, simulator, users);
            }
        });
        return new DemoMode(simulator);
    }

    private static void printBanner(String api, SalesforceSimulator simulator, int users) {
        System.out.println("""

                ==================================================================
                 salesforce-alerts demo: simulated org %s (%d users) at %s
                 A first sync is running now; the schedule syncs every 15 minutes.

                 Sync now:        curl -s -X POST %s/api/sync
                 Status:          curl -s %s/api/status
                 Licences:        curl -s %s/api/licenses
                 Health:          curl -s %s/observe/health
                 Data (H2 file):  ./data/demo.mv.db
                 Stop: Ctrl+C
                ==================================================================
                """.formatted(simulator.org().orgId(), users, simulator.baseUrl(), api, api, api, api));
    }

    @Override
    public void close() {
        simulator.close();
    }
}
