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
        config.setJdbcUrl(settings.url());
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

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
