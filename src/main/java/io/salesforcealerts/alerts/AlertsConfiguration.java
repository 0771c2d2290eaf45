package io.salesforcealerts.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.salesforcealerts.config.InvalidConfigurationException;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Binds the alert beans routes/alerts.camel.yaml calls. Loads and validates the rules file and the
 * {@code alerts.*} properties at start: any problem stops the start, all of them listed at once.
 */
public final class AlertsConfiguration {

    private AlertsConfiguration() {
    }

    public static void bind(CamelContext context, DataSource dataSource, Clock clock) {
        PropertiesComponent properties = context.getPropertiesComponent();
        List<String> problems = new ArrayList<>();
        Duration repeat = duration(properties, "alerts.repeat-interval", "4h", problems);
        Duration maxAge = duration(properties, "alerts.delivery.max-age", "24h", problems);
        Duration initial = duration(properties, "alerts.delivery.initial-backoff", "10s", problems);
        Duration maxBackoff = duration(properties, "alerts.delivery.max-backoff", "10m", problems);
        int batchSize = 50;
        String rawBatch = properties.resolveProperty("alerts.delivery.batch-size").orElse("50").strip();
        try {
            batchSize = Integer.parseInt(rawBatch);
            if (batchSize < 1 || batchSize > 1000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            problems.add("alerts.delivery.batch-size: must be a whole number from 1 to 1000 (was '" + rawBatch + "')");
        }
        AlertRules rules = null;
        try {
            String file = properties.resolveProperty("alerts.rules-file").orElse("alert-rules.yaml").strip();
            rules = new AlertRulesLoader(context::resolvePropertyPlaceholders).load(file);
        } catch (InvalidConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }

        AlertRepository alerts = new AlertRepository(dataSource);
        SilenceRepository silences = new SilenceRepository(dataSource);
        AlertOutbox outbox = new AlertOutbox(dataSource, rules.channels(),
                new DeliverySettings(initial, maxBackoff, maxAge, batchSize), clock);
        Registry registry = context.getRegistry();
        registry.bind("alertRules", rules);
        registry.bind("alertEvaluator", new AlertEvaluator(dataSource, rules, new MetricReader(dataSource), alerts, silences,
                outbox, repeat, clock));
        registry.bind("alertRouting", new AlertRouting(rules.channels()));
        registry.bind("alertOutbox", outbox);
        registry.bind("alertsApi", new AlertsApi(rules, alerts, silences, outbox, clock));
    }

    private static Duration duration(PropertiesComponent properties, String key, String fallback, List<String> problems) {
        String raw = properties.resolveProperty(key).orElse(fallback);
        Duration d = Durations.parse(raw);
        if (d == null) {
            problems.add(key + ": must be a duration such as 30s, 15m, 4h, 1d or PT4H (was '" + raw + "')");
        }
        return d;
    }
}
