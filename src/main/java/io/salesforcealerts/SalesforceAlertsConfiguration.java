package io.salesforcealerts;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import com.zaxxer.hikari.HikariDataSource;
import io.salesforcealerts.api.ApiAuthentication;
import io.salesforcealerts.api.ApiErrors;
import io.salesforcealerts.api.ApiFallbackHandler;
import io.salesforcealerts.api.LicenceApi;
import io.salesforcealerts.api.StatusApi;
import io.salesforcealerts.api.SyncApi;
import io.salesforcealerts.config.JwtKeyStores;
import io.salesforcealerts.config.RuntimeSettings;
import io.salesforcealerts.db.DatabaseSetup;
import io.salesforcealerts.sync.LicenceSnapshotRepository;
import io.salesforcealerts.sync.LimitsWriter;
import io.salesforcealerts.sync.OrgLimitRepository;
import io.salesforcealerts.sync.RecordMappers;
import io.salesforcealerts.sync.SalesforceRetry;
import io.salesforcealerts.sync.SyncPageWriter;
import io.salesforcealerts.sync.SyncRunRepository;
import io.salesforcealerts.sync.SyncRunService;
import io.salesforcealerts.sync.UserRepository;
import io.salesforcealerts.sync.UserSyncPlanner;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Binds every bean the routes call. Runs before any route starts: settings are validated (all
 * problems at once) and the schema is migrated here.
 */
public class SalesforceAlertsConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        RuntimeSettings settings = RuntimeSettings.load(context.getPropertiesComponent());
        Clock clock = Clock.tickMillis(ZoneOffset.UTC); // millisecond precision, as stored and served
        Registry registry = context.getRegistry();

        HikariDataSource dataSource = DatabaseSetup.open(settings.database());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close(); // after the routes: Camel stops services in reverse order
            }
        });
        registry.bind("dataSource", dataSource);

        SalesforceComponent salesforce = salesforceComponent(settings.salesforce());
        context.addComponent("salesforce", salesforce);

        SyncRunRepository runs = new SyncRunRepository(dataSource);
        LicenceSnapshotRepository licences = new LicenceSnapshotRepository(dataSource);
        UserRepository users = new UserRepository(dataSource);
        OrgLimitRepository limits = new OrgLimitRepository(dataSource);

        // One entry per synced object: how its records map, where a page goes, what a skip removes.
        SyncPageWriter pageWriter = new SyncPageWriter()
                .register("UserLicense", RecordMappers::userLicense, licences::insertPage,
                        run -> licences.deleteObject(run.id(), "UserLicense"))
                .register("PermissionSetLicense", RecordMappers::permissionSetLicense, licences::insertPage,
                        run -> licences.deleteObject(run.id(), "PermissionSetLicense"))
                .register("PackageLicense", RecordMappers::packageLicense, licences::insertPage,
                        run -> licences.deleteObject(run.id(), "PackageLicense"))
                .register("User", RecordMappers::user, users::stagePage, run -> users.clearStaging(run.id()));

        SyncRunService syncRunService = new SyncRunService(dataSource, runs, licences, users, limits, pageWriter,
                () -> salesforce.getSession().getOrgId(), URI.create(settings.salesforce().loginUrl()).getAuthority(), clock);
        syncRunService.recoverInterruptedSyncs();

        registry.bind("runtimeSettings", settings);
        registry.bind("syncRunService", syncRunService);
        registry.bind("syncPageWriter", pageWriter);
        registry.bind("userSyncPlanner", new UserSyncPlanner(users, settings.sync().users().lookback(),
                settings.sync().users().fullRefresh(), clock));
        RuntimeSettings.RetrySettings retry = settings.sync().retry();
        registry.bind("salesforceRetry", new SalesforceRetry(new SalesforceRetry.Settings(retry.maxAttempts(),
                java.time.Duration.ofMillis(retry.initialDelayMillis()), java.time.Duration.ofMillis(retry.maxDelayMillis()),
                java.time.Duration.ofMillis(retry.maxTotalMillis())), clock, null));
        registry.bind("limitsWriter", new LimitsWriter(limits, settings.sync().apiReservePercent()));
        registry.bind("syncApi", new SyncApi());
        registry.bind("statusApi", new StatusApi(settings, runs, syncRunService));
        registry.bind("licenceApi", new LicenceApi(runs));
        registry.bind("apiErrors", new ApiErrors());
        io.salesforcealerts.alerts.AlertsConfiguration.bind(context, dataSource, clock); // alert rules, evaluation, delivery

        ApiAuthentication authentication = new ApiAuthentication(
                ApiAuthentication.resolveToken(settings.api().token(), Path.of(settings.api().tokenFile())));
        registry.bind("apiAuthentication", authentication);
        int port = context.getPropertiesComponent().resolveProperty("camel.server.port").map(Integer::parseInt).orElse(8080);
        context.addStartupListener((ctx, alreadyStarted) -> ApiFallbackHandler.install(ctx, port, authentication));
    }

    private static SalesforceComponent salesforceComponent(RuntimeSettings.SalesforceSettings sf) throws Exception {
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(sf.loginUrl());
        component.setClientId(sf.consumerKey());
        switch (sf.authFlow()) {
            case USERNAME_PASSWORD -> {
                component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
                component.setClientSecret(sf.consumerSecret());
                component.setUserName(sf.username());
                component.setPassword(sf.loginPassword());
            }
            case CLIENT_CREDENTIALS -> {
                component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
                component.setClientSecret(sf.consumerSecret());
            }
            case JWT -> {
                component.setAuthenticationType(AuthenticationType.JWT);
                component.setUserName(sf.username());
                component.setKeystore(JwtKeyStores.load(sf.jwt()));
                if (sf.jwt().audience() != null) {
                    component.setJwtAudience(sf.jwt().audience());
                }
            }
        }
        SalesforceEndpointConfig endpointDefaults = new SalesforceEndpointConfig();
        endpointDefaults.setApiVersion(sf.apiVersion());
        component.setConfig(endpointDefaults);
        // log in on the first sync, not at start: wrong credentials must not keep the runtime down
        component.setLazyLogin(true);
        component.setHttpClientIdleTimeout(sf.idleTimeoutMillis());
        component.setHttpClientConnectionTimeout(sf.connectTimeoutMillis());
        // whole-request limit (login included); camel-salesforce's 60 s default is short for big query pages
        component.setHttpRequestTimeout(sf.requestTimeoutMillis());
        return component;
    }
}
