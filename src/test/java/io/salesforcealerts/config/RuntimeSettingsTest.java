package io.salesforcealerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private RuntimeSettings load(Properties p) {
        context.getPropertiesComponent().setInitialProperties(p);
        return RuntimeSettings.load(context.getPropertiesComponent());
    }

    private static Properties valid() {
        Properties p = new Properties();
        p.setProperty("salesforce.login-url", "https://test.salesforce.com/");
        p.setProperty("salesforce.consumer-key", "3MVG9key");
        p.setProperty("salesforce.consumer-secret", "s3cret");
        p.setProperty("salesforce.username", "ops@example.com");
        p.setProperty("salesforce.password", "pw");
        p.setProperty("salesforce.security-token", "TOKEN");
        p.setProperty("salesforce.api-version", "62.0");
        p.setProperty("salesforce.query-batch-size", "2000");
        p.setProperty("salesforce.http.idle-timeout-ms", "120000");
        p.setProperty("salesforce.http.connect-timeout-ms", "30000");
        p.setProperty("salesforce.http.request-timeout-ms", "300000");
        p.setProperty("sync.enabled", "true");
        p.setProperty("sync.schedule", "0 0/15 * * * ?");
        p.setProperty("sync.on-startup", "true");
        p.setProperty("db.url", "jdbc:h2:mem:x");
        p.setProperty("db.pool-size", "5");
        p.setProperty("camel.server.port", "8080");
        p.setProperty("api.token-file", "./data/api-token");
        return p;
    }

    @Test
    void readsEveryKeyAndAppendsTheSecurityToken() {
        RuntimeSettings s = load(valid());
        assertThat(s.salesforce().loginUrl()).isEqualTo("https://test.salesforce.com");
        assertThat(s.salesforce().loginPassword()).isEqualTo("pwTOKEN");
        assertThat(s.sync().schedule()).isEqualTo("0 0/15 * * * ?");
        assertThat(s.salesforce().toString()).doesNotContain("s3cret").doesNotContain("pw").doesNotContain("TOKEN");
    }

    @Test
    void clientIdAndSecretAreAliases() {
        Properties p = valid();
        p.remove("salesforce.consumer-key");
        p.remove("salesforce.consumer-secret");
        p.setProperty("salesforce.client-id", "3MVG9alias");
        p.setProperty("salesforce.client-secret", "aliasSecret");
        RuntimeSettings s = load(p);
        assertThat(s.salesforce().consumerKey()).isEqualTo("3MVG9alias");
        assertThat(s.salesforce().consumerSecret()).isEqualTo("aliasSecret");
    }

    @Test
    void reportsEveryProblemAtOnceNamingItsKey() {
        Properties p = valid();
        p.setProperty("salesforce.consumer-key", "");
        p.remove("salesforce.password");
        p.setProperty("salesforce.login-url", "http://login.salesforce.com");
        p.setProperty("sync.schedule", "every 15 minutes");
        p.setProperty("db.pool-size", "many");
        p.setProperty("sync.enabled", "yes");

        assertThatThrownBy(() -> load(p))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.problems())
                        .anySatisfy(m -> assertThat(m).startsWith("salesforce.consumer-key").contains("SALESFORCE_CONSUMER_KEY"))
                        .anySatisfy(m -> assertThat(m).startsWith("salesforce.password"))
                        .anySatisfy(m -> assertThat(m).startsWith("salesforce.login-url").contains("https"))
                        .anySatisfy(m -> assertThat(m).startsWith("sync.schedule").contains("cron"))
                        .anySatisfy(m -> assertThat(m).startsWith("db.pool-size"))
                        .anySatisfy(m -> assertThat(m).startsWith("sync.enabled"))
                        .hasSize(6));
    }

    @Test
    void everyLoginHostFormIsAccepted() {
        for (String url : new String[] {"https://login.salesforce.com", "https://test.salesforce.com",
                "https://acme.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com/"}) {
            Properties p = valid();
            p.setProperty("salesforce.login-url", url);
            assertThat(load(p).salesforce().loginUrl()).isEqualTo(url.replaceAll("/$", ""));
        }
    }

    @Test
    void theChosenFlowDecidesWhichKeysAreNeeded() {
        Properties cc = valid();
        cc.setProperty("salesforce.auth-flow", "client-credentials");
        cc.remove("salesforce.username");
        cc.remove("salesforce.password");
        assertThatThrownBy(() -> load(cc)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.problems()).singleElement().asString()
                        .startsWith("salesforce.login-url must be the org's My Domain host"));
        cc.setProperty("salesforce.login-url", "https://acme.my.salesforce.com");
        assertThat(load(cc).salesforce().authFlow()).isEqualTo(RuntimeSettings.AuthFlow.CLIENT_CREDENTIALS);

        Properties jwt = valid();
        jwt.setProperty("salesforce.auth-flow", "jwt");
        jwt.setProperty("salesforce.jwt.private-key-file", "/no/such/key.pem");
        assertThatThrownBy(() -> load(jwt)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.problems())
                        .anySatisfy(m -> assertThat(m).startsWith("salesforce.jwt.private-key-file names a file that does not exist"))
                        .anySatisfy(m -> assertThat(m).startsWith("salesforce.jwt.certificate-file is not set")));

        Properties unknown = valid();
        unknown.setProperty("salesforce.auth-flow", "saml");
        assertThatThrownBy(() -> load(unknown)).hasMessageContaining("salesforce.auth-flow must be one of");
    }

    @Test
    void aSecretFileThatCannotBeReadIsNamed() {
        Properties p = valid();
        p.remove("salesforce.password");
        p.setProperty("salesforce.password-file", "/run/credentials/missing");
        assertThatThrownBy(() -> load(p)).hasMessageContaining("salesforce.password-file cannot be read: '/run/credentials/missing'")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void userSyncDurationsAreValidatedWithTheKeyNamed() {
        Properties p = valid();
        RuntimeSettings.UserSyncSettings defaults = load(p).sync().users();
        assertThat(defaults.lookback()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.fullRefresh()).isEqualTo(Duration.ofDays(1));

        p.setProperty("sync.users.lookback", "15m");
        p.setProperty("sync.users.full-refresh", "P7D");
        RuntimeSettings.UserSyncSettings set = load(p).sync().users();
        assertThat(set.lookback()).isEqualTo(Duration.ofMinutes(15));
        assertThat(set.fullRefresh()).isEqualTo(Duration.ofDays(7));

        p.setProperty("sync.users.lookback", "ten minutes");
        p.setProperty("sync.users.full-refresh", "-PT1H");
        assertThatThrownBy(() -> load(p))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("sync.users.lookback must be a duration")
                .hasMessageContaining("sync.users.full-refresh must be a duration");
    }

    @Test
    void plainHttpIsAcceptedOnlyForLoopback() {
        Properties p = valid();
        p.setProperty("salesforce.login-url", "http://127.0.0.1:8443");
        assertThat(load(p).salesforce().loginUrl()).isEqualTo("http://127.0.0.1:8443");
    }
}
