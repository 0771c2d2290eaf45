package io.salesforcealerts.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.salesforcealerts.config.RuntimeSettings.DatabaseSettings;
import org.flywaydb.core.Flyway;

/** Opens the connection pool and brings the schema up to date before any route starts. */
public final class DatabaseSetup {

    private DatabaseSetup() {
    }

    public static HikariDataSource open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("salesforce-alerts");
        config.setJdbcUrl(h2FileDefaults(settings.url()));
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeoutMillis());
        config.setExceptionOverrideClassName(EvictBrokenConnections.class.getName());
        // fail fast at start if the database is unreachable, but let the pool recover later by itself
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        return dataSource;
    }

    /**
     * An embedded H2 file database is made crash-safe: each commit is written at once (H2 otherwise keeps
     * the last ~second of commits in memory, lost on kill -9), and H2's own JVM shutdown hook does not close
     * it under a sync still finishing on SIGTERM (the pool closes it after the routes have stopped).
     * Settings given in the URL win.
     */
    static String h2FileDefaults(String url) {
        boolean embeddedFile = url != null && (url.startsWith("jdbc:h2:file:") || url.startsWith("jdbc:h2:./")
                || url.startsWith("jdbc:h2:/") || url.startsWith("jdbc:h2:~"));
        if (!embeddedFile) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder result = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            result.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            result.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        return result.toString();
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
