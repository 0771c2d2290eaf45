package io.salesforcealerts.config;

import java.net.URI;
import java.time.Duration;
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

    /** How the runtime logs in: the Connected App flows camel-salesforce supports. */
    public enum AuthFlow {
        USERNAME_PASSWORD("username-password"), CLIENT_CREDENTIALS("client-credentials"), JWT("jwt");

        private final String key;

        AuthFlow(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** JWT bearer flow: a keystore with one private key, or a PEM private key (PKCS#8) and its certificate. */
    public record JwtSettings(String keystore, String keystorePassword, String privateKeyFile, String certificateFile,
            String audience) {

        @Override
        public String toString() {
            return "JwtSettings[keystore=" + keystore + ", privateKeyFile=" + privateKeyFile + "]";
        }
    }

    public record SalesforceSettings(String loginUrl, AuthFlow authFlow, String consumerKey, String consumerSecret,
            String username, String password, String securityToken, JwtSettings jwt, String apiVersion,
            int queryBatchSize, long idleTimeoutMillis, long connectTimeoutMillis, long requestTimeoutMillis) {

        /** What camel-salesforce sends as the password: the security token is appended when set. */
        public String loginPassword() {
            return securityToken == null || securityToken.isEmpty() ? password : password + securityToken;
        }

        @Override
        public String toString() {
            // records print every component by default: keep secrets out of logs and exceptions
            return "SalesforceSettings[loginUrl=" + loginUrl + ", authFlow=" + authFlow.key() + ", username=" + username
                    + ", apiVersion=" + apiVersion + "]";
        }
    }

    /**
     * @param apiReservePercent a sync is skipped when DailyApiRequests Remaining is under this share of Max
     * @param retry             retries of transient Salesforce failures (sync.retry.*)
     * @param users             incremental user fetches (sync.users.*)
     */
    public record SyncSettings(boolean enabled, String schedule, boolean onStartup, int apiReservePercent,
            RetrySettings retry, UserSyncSettings users) {
    }

    /**
     * @param lookback    an incremental fetch reads SystemModstamp after the watermark minus this (zero allowed)
     * @param fullRefresh a full fetch runs when the last one is older than this; zero: every fetch is full
     */
    public record UserSyncSettings(Duration lookback, Duration fullRefresh) {
    }

    /** Per Salesforce call: at most maxAttempts tries and maxTotalMillis, backoff from initialDelayMillis up to maxDelayMillis. */
    public record RetrySettings(int maxAttempts, int initialDelayMillis, int maxDelayMillis, int maxTotalMillis) {
    }

    /** @param connectionTimeoutMillis how long a sync waits for a connection before failing with DATABASE_ERROR */
    public record DatabaseSettings(String url, String username, String password, int poolSize,
            int connectionTimeoutMillis) {

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
        String loginUrl = r.url("salesforce.login-url");
        AuthFlow flow = r.authFlow("salesforce.auth-flow");
        String consumerKey = r.required("salesforce.consumer-key", "salesforce.client-id");
        String consumerSecret = null;
        String username = null;
        String password = null;
        JwtSettings jwt = null;
        switch (flow == null ? AuthFlow.USERNAME_PASSWORD : flow) {
            case USERNAME_PASSWORD -> {
                consumerSecret = r.secret("salesforce.consumer-secret", "salesforce.client-secret");
                username = r.required("salesforce.username");
                password = r.secret("salesforce.password");
            }
            case CLIENT_CREDENTIALS -> {
                consumerSecret = r.secret("salesforce.consumer-secret", "salesforce.client-secret");
                if (loginUrl != null && isGenericLoginHost(loginUrl)) {
                    r.problems.add("salesforce.login-url must be the org's My Domain host (https://<domain>.my.salesforce.com)"
                            + " for salesforce.auth-flow=client-credentials, got '" + loginUrl + "'");
                }
            }
            case JWT -> {
                username = r.required("salesforce.username");
                jwt = r.jwt();
            }
        }
        SalesforceSettings sf = new SalesforceSettings(loginUrl, flow, consumerKey, consumerSecret, username, password,
                r.optionalSecret("salesforce.security-token").orElse(""), jwt,
                r.apiVersion("salesforce.api-version"),
                r.integer("salesforce.query-batch-size", 200, 2000),
                r.integer("salesforce.http.idle-timeout-ms", 1000, Integer.MAX_VALUE),
                r.integer("salesforce.http.connect-timeout-ms", 1000, Integer.MAX_VALUE),
                r.integer("salesforce.http.request-timeout-ms", 300_000, 1000, 3_600_000));
        SyncSettings sync = new SyncSettings(r.bool("sync.enabled"), r.cron("sync.schedule"), r.bool("sync.on-startup"),
                r.integer("sync.api-reserve-percent", 10, 0, 100),
                new RetrySettings(r.integer("sync.retry.max-attempts", 4, 1, 100),
                        r.integer("sync.retry.initial-delay-ms", 1000, 0, Integer.MAX_VALUE),
                        r.integer("sync.retry.max-delay-ms", 30000, 0, Integer.MAX_VALUE),
                        r.integer("sync.retry.max-total-ms", 120000, 0, Integer.MAX_VALUE)),
                new UserSyncSettings(r.duration("sync.users.lookback", Duration.ofMinutes(10)),
                        r.duration("sync.users.full-refresh", Duration.ofDays(1))));
        DatabaseSettings db = new DatabaseSettings(r.required("db.url"), r.optional("db.username").orElse(""),
                r.optionalSecret("db.password").orElse(""), r.integer("db.pool-size", 1, 100),
                r.integer("db.connection-timeout-ms", 30000, 250, Integer.MAX_VALUE));
        // api.token-file holds the token (like any <key>-file) and is generated when missing: see ApiAuthentication
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
            return firstSet(this::optional, ")", key, aliases);
        }

        /** The value of the key or of its first alias that is set; else a problem naming them all. */
        private String firstSet(Function<String, Optional<String>> lookup, String missingSuffix, String key,
                String... aliases) {
            Optional<String> value = lookup.apply(key);
            for (int i = 0; value.isEmpty() && i < aliases.length; i++) {
                value = lookup.apply(aliases[i]);
            }
            if (value.isEmpty()) {
                String names = aliases.length == 0 ? key : key + " (or " + String.join(", ", aliases) + ")";
                problems.add(names + " is not set (environment variable " + envName(key) + missingSuffix);
                return null;
            }
            return value.get();
        }

        /**
         * A secret from its key, or from the file named by {@code <key>-file} (Kubernetes secrets, systemd
         * credentials); the file's content, trimmed, is the value.
         */
        Optional<String> optionalSecret(String key) {
            Optional<String> value = optional(key);
            if (value.isPresent()) {
                return value;
            }
            Optional<String> file = optional(key + "-file");
            if (file.isEmpty()) {
                return Optional.empty();
            }
            try {
                String content = java.nio.file.Files.readString(java.nio.file.Path.of(file.get())).trim();
                if (content.isEmpty()) {
                    problems.add(key + "-file names an empty file: '" + file.get() + "'");
                    return Optional.empty();
                }
                return Optional.of(content);
            } catch (java.io.IOException | RuntimeException e) {
                problems.add(key + "-file cannot be read: '" + file.get() + "'");
                return Optional.empty();
            }
        }

        String secret(String key, String... aliases) {
            return firstSet(this::optionalSecret, ", or a file named by " + key + "-file)", key, aliases);
        }

        AuthFlow authFlow(String key) {
            String value = optional(key).orElse(AuthFlow.USERNAME_PASSWORD.key());
            for (AuthFlow flow : AuthFlow.values()) {
                if (flow.key().equalsIgnoreCase(value)) {
                    return flow;
                }
            }
            problems.add(key + " must be one of username-password, client-credentials, jwt, got '" + value + "'");
            return null;
        }

        JwtSettings jwt() {
            Optional<String> keystore = optional("salesforce.jwt.keystore");
            Optional<String> keyFile = optional("salesforce.jwt.private-key-file");
            String password = null;
            String certificate = null;
            if (keystore.isPresent()) {
                fileMustExist("salesforce.jwt.keystore", keystore.get());
                password = secret("salesforce.jwt.keystore-password");
            } else if (keyFile.isPresent()) {
                fileMustExist("salesforce.jwt.private-key-file", keyFile.get());
                certificate = required("salesforce.jwt.certificate-file");
                if (certificate != null) {
                    fileMustExist("salesforce.jwt.certificate-file", certificate);
                }
            } else {
                problems.add("salesforce.jwt.keystore (with salesforce.jwt.keystore-password) or"
                        + " salesforce.jwt.private-key-file (with salesforce.jwt.certificate-file) must be set for"
                        + " salesforce.auth-flow=jwt");
            }
            return new JwtSettings(keystore.orElse(null), password, keyFile.orElse(null), certificate,
                    optional("salesforce.jwt.audience").orElse(null));
        }

        private void fileMustExist(String key, String path) {
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(path))) {
                problems.add(key + " names a file that does not exist or cannot be read: '" + path + "'");
            }
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

        /** An optional key: the default when not set (an application.properties older than the key). */
        int integer(String key, int defaultValue, int min, int max) {
            return optional(key).isEmpty() ? defaultValue : integer(key, min, max);
        }

        /** An optional duration key: 30s, 10m, 24h, 1d, 500ms, ISO-8601 (PT10M, P1D) or 0; never negative. */
        Duration duration(String key, Duration defaultValue) {
            if (optional(key).isEmpty()) {
                return defaultValue;
            }
            return parse(key, v -> {
                if (v.matches("0+\\s*(ms|s|m|h|d)?")) {
                    return Duration.ZERO;
                }
                Duration d = io.salesforcealerts.alerts.Durations.parse(v);
                if (d == null) {
                    Duration iso = Duration.parse(v); // PT0S; a bad or negative value throws below
                    if (!iso.isZero()) {
                        throw new IllegalArgumentException();
                    }
                    d = iso;
                }
                return d;
            }, "a duration such as 10m, 24h, 1d, PT10M or P1D (0 or more)", defaultValue);
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

    /** login.salesforce.com and test.salesforce.com do not serve the client-credentials flow. */
    static boolean isGenericLoginHost(String url) {
        String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
        return host.equals("login.salesforce.com") || host.equals("test.salesforce.com");
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Camel's mapping of a property key to an environment variable name. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
