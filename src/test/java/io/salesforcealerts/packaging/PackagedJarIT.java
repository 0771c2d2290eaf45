package io.salesforcealerts.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatedOrg;
import io.salesforcealerts.simulator.SimulatorCredentials;
import io.salesforcealerts.support.RuntimeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as ops run it, from an empty working directory (so the routes and properties
 * packaged in the jar are the ones used): demo mode syncs against the built-in simulator, and
 * without credentials it exits with 2 naming the missing keys.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "salesforce-alerts.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path workDir;

    @Test
    void demoModeRunsAFirstSyncAgainstTheSimulator() throws Exception {
        int port = RuntimeHarness.freePort();
        File log = workDir.resolve("out.log").toFile();
        Process process = new ProcessBuilder(JAVA, "-Xmx256m", "-Dcamel.server.port=" + port, "-Ddemo.users=500",
                "-jar", JAR.toString(), "--demo")
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> "SUCCESS".equals(status(port,
                    Files.readString(workDir.resolve("data").resolve("demo-api-token")).trim())
                    .path("lastSync").path("status").asText()));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            assertThat(output).containsPattern("curl -s -X POST -H \"Authorization: Bearer [A-Za-z0-9_-]{43}\" http://localhost:"
                    + port + "/api/sync");
            assertThat(workDir.resolve("data").resolve("demo.mv.db")).exists();
        } finally {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void environmentVariablesAndSystemPropertiesConfigureTheJar() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(21L, 300))) {
            int port = RuntimeHarness.freePort();
            SimulatorCredentials c = simulator.org().credentials();
            ProcessBuilder builder = new ProcessBuilder(JAVA, "-Xmx256m", "-Dsync.schedule=0 0 0 1 1 ? 2099",
                    "-jar", JAR.toString())
                    .directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("out.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("SALESFORCE_LOGIN_URL", simulator.baseUrl());
            env.put("SALESFORCE_CLIENT_ID", c.consumerKey()); // the alias names work too
            env.put("SALESFORCE_CLIENT_SECRET", c.consumerSecret());
            env.put("SALESFORCE_USERNAME", c.username());
            env.put("SALESFORCE_PASSWORD", c.password());
            env.put("SALESFORCE_SECURITY_TOKEN", c.securityToken());
            env.put("CAMEL_SERVER_PORT", String.valueOf(port));
            env.put("API_TOKEN", "it-token");
            Process process = builder.start();
            try {
                // sync.on-startup (default true) runs the first sync with the credentials from the environment
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                        "SUCCESS".equals(status(port, "it-token").path("lastSync").path("status").asText()));
                assertThat(status(port, "it-token").get("schedule").asText()).isEqualTo("0 0 0 1 1 ? 2099");
                assertThat(workDir.resolve("data").resolve("salesforce-alerts.mv.db")).exists();
            } finally {
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void theCheckCommandPrintsAChecklistAndExitsWith0Or1() throws Exception {
        try (SalesforceSimulator simulator = SalesforceSimulator.start(SimulatedOrg.generate(23L, 40))) {
            SimulatorCredentials c = simulator.org().credentials();
            Map<String, String> env = Map.of("SALESFORCE_LOGIN_URL", simulator.baseUrl(),
                    "SALESFORCE_CONSUMER_KEY", c.consumerKey(), "SALESFORCE_CONSUMER_SECRET", c.consumerSecret(),
                    "SALESFORCE_USERNAME", c.username(), "SALESFORCE_PASSWORD", c.password());

            CommandResult good = runJar(env, "check");
            assertThat(good.exit()).as(good.output()).isZero();
            assertThat(good.output()).contains("[PASS] login (org " + simulator.org().orgId() + ")")
                    .contains("[PASS] /limits (DailyApiRequests").contains("[PASS] read UserLicense")
                    .contains("[PASS] read User").contains("All checks passed.").doesNotContain("[FAIL]");
            assertThat(simulator.stats().queryCalls()).isEqualTo(4);

            simulator.org().denyObject("PermissionSetLicense");
            CommandResult denied = runJar(env, "check");
            assertThat(denied.exit()).as(denied.output()).isEqualTo(1);
            assertThat(denied.output()).contains("[PASS] read UserLicense")
                    .contains("[FAIL] read PermissionSetLicense: INSUFFICIENT_ACCESS")
                    .contains("hint: The integration user cannot see licence data")
                    .contains("1 check(s) failed.");

            Map<String, String> wrongSecret = new java.util.HashMap<>(env);
            wrongSecret.put("SALESFORCE_CONSUMER_SECRET", "not-the-secret");
            CommandResult bad = runJar(wrongSecret, "check");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.output()).contains("[FAIL] login: invalid_client invalid client credentials")
                    .contains("hint: The Consumer Secret (salesforce.consumer-secret) is wrong")
                    .contains("[FAIL] read User: not tried, the login failed")
                    .doesNotContain("not-the-secret").doesNotContain(c.password());
        }
    }

    private static JsonNode status(int port, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/status")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private record CommandResult(int exit, String output) {
    }

    private CommandResult runJar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CommandResult(process.exitValue(), output);
    }

    @Test
    void withoutCredentialsTheJarExitsWith2() throws Exception {
        Process process = new ProcessBuilder(List.of(JAVA, "-jar", JAR.toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("salesforce.consumer-key").contains("salesforce.password").doesNotContain("\tat ");
    }
}
