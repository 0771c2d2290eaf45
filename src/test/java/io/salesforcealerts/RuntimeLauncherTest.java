package io.salesforcealerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RuntimeLauncherTest {

    @Test
    void withoutCredentialsTheRuntimeExitsAtOnceNamingEachMissingKey() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // the shipped application.properties has no credentials
        int exit = new RuntimeLauncher(System.out, new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[0]);

        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(RuntimeLauncher.EXIT_INVALID_CONFIGURATION);
        assertThat(message)
                .contains("salesforce.consumer-key (or salesforce.client-id) is not set (environment variable SALESFORCE_CONSUMER_KEY)")
                .contains("salesforce.consumer-secret (or salesforce.client-secret) is not set")
                .contains("salesforce.username is not set")
                .contains("salesforce.password is not set")
                .contains("--demo")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
