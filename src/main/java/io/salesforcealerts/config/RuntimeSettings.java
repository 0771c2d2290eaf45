package io.salesforcealerts.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.spi.PropertiesComponent;
import org.quartz.CronExpression;

/**
 * The user-facing configuration keys, read through Camel's properties component so that
 * {@code application.properties}, environment variables ({@code SALESFORCE_CONSUMER_KEY}) and
 * {@code -D} system properties all work. {@link #load} reports every problem at once.
 */
public record RuntimeSettings(SalesforceSettings salesforce, SyncSettings sync, DatabaseSettings database,
        ApiSettings api) {

    public record SalesforceSettings(String loginUrl, String consumerKey, String consumerSecret, String username,
            String password, String securityToken, String apiVersion, int queryBatchSize, long idleTimeoutMillis,
            long connectTimeoutMillis) {

        /** What camel-salesforce sends as the password: the security token is appended when set. */
        public String loginPassword() {
            return securityToken == null || securityToken.isEmpty() ? password : password + securityToken;
        }

        @Override
        public String toString() {
            // records print every component by default: keep secrets out of logs and exceptions
            return "SalesforceSettings[loginUrl=" + loginUrl + ", username=" + username + ", apiVersion=" + apiVersion + "]";
        }
    }

    public record SyncSettings(boolean enabled, String schedule, boolean onStartup) {
    }

    public record DatabaseSettings(String url, String username, String password, int poolSize) {

        @Override
        public String toString() {
            return "DatabaseSettings[url=" + url + ", username=" + username + "]";
        }
    }

    /** Bearer token of the HTTP API; when empty, one is generated into tokenFile. */
    public record ApiSettings(String token, String tokenFile) {

        @Override
        public String toString() {
            return "ApiSettings[tokenFile=" + tokenFile + "]";
        }
    }

    public static RuntimeSettings load(PropertiesComponent properties) {
        Reader r = new Reader(properties);
        SalesforceSettings sf = new SalesforceSettings(
                r.url("salesforce.login-url"),
                r.required("salesforce.consumer-key", "salesforce.client-id"),
                r.required("salesforce.consumer-secret", "salesforce.client-secret"),
                r.required("salesforce.username"),
                r.required("salesforce.password"),
                r.optional("salesforce.security-token").orElse(""),
                r.apiVersion("salesforce.api-version"),
                r.integer("salesforce.query-batch-size", 200, 2000),
                r.integer("salesforce.http.idle-timeout-ms", 1000, Integer.MAX_VALUE),
                r.integer("salesforce.http.connect-timeout-ms", 1000, Integer.MAX_VALUE));
        SyncSettings sync = new SyncSettings(r.bool("sync.enabled"), r.cron("sync.schedule"), r.bool("sync.on-startup"));
        DatabaseSettings db = new DatabaseSettings(r.required("db.url"), r.optional("db.username").orElse(""),
                r.optional("db.password").orElse(""), r.integer("db.pool-size", 1, 100));
        ApiSettings api = new ApiSettings(r.optional("api.token").orElse(""), r.required("api.token-file"));
        r.integer("camel.server.port", 0, 65535);
        if (!r.problems.isEmpty()) {
            throw new InvalidConfigurationException(r.problems);
        }
        return new RuntimeSettings(sf, sync, db, api);
    }

    /** Reads keys and collects problems instead of failing on the first. */
    private static final class Reader {
        private final PropertiesComponent properties;
        private final List<String> problems = new ArrayList<>();

        Reader(PropertiesComponent properties) {
            this.properties = properties;
        }

        Optional<String> optional(String key) {
            return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
        }

        String required(String key, String... aliases) {
            Optional<String> value = optional(key);
            for (int i = 0; value.isEmpty() && i < aliases.length; i++) {
                value = optional(aliases[i]);
            }
            if (value.isEmpty()) {
                String names = aliases.length == 0 ? key : key + " (or " + String.join(", ", aliases) + ")";
                problems.add(names + " is not set (environment variable " + envName(key) + ")");
                return null;
            }
            return value.get();
        }

        String url(String key) {
            String value = required(key);
            if (value == null) {
                return null;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                    problems.add(key + " must be an http(s) URL such as https://login.salesforce.com, got '" + value + "'");
                    return null;
                }
                if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                    // credentials must never cross the network in clear text; plain http is for the simulator
                    problems.add(key + " must use https unless it points at a loopback address, got '" + value + "'");
                    return null;
                }
            } catch (Exception e) {
                problems.add(key + " is not a valid URL: '" + value + "'");
                return null;
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }

        String apiVersion(String key) {
            String value = required(key);
            if (value != null && !value.matches("\\d{2,3}\\.0")) {
                problems.add(key + " must look like 62.0, got '" + value + "'");
            }
            return value;
        }

        int integer(String key, int min, int max) {
            return parse(key, v -> {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new IllegalArgumentException();
                }
                return n;
            }, "a whole number between " + min + " and " + max, 0);
        }

        boolean bool(String key) {
            return parse(key, v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(v);
            }, "true or false", false);
        }

        String cron(String key) {
            return parse(key, v -> {
                try {
                    CronExpression.validateExpression(v);
                } catch (java.text.ParseException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
                return v;
            }, "a Quartz cron expression such as '0 0/15 * * * ?'", null);
        }

        private <T> T parse(String key, Function<String, T> parser, String expected, T fallback) {
            String value = required(key);
            if (value == null) {
                return fallback;
            }
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                problems.add(key + " must be " + expected + ", got '" + value + "'");
                return fallback;
            }
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Camel's mapping of a property key to an environment variable name. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
