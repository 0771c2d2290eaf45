package io.salesforcealerts.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesforcealerts.RuntimeLauncher;
import io.salesforcealerts.simulator.SalesforceSimulator;
import io.salesforcealerts.simulator.SimulatorCredentials;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * Starts the real runtime in-process (Camel Main with the project's routes and properties) against a
 * simulator on a loopback port, an H2 file database in a temporary folder and a free HTTP port.
 */
public final class RuntimeHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API token every harness request sends. */
    public static final String API_TOKEN = "test-api-token-" + java.util.UUID.randomUUID();

    private final Main main;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RuntimeHarness(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /** Settings for tests: no sync at start, a schedule that never fires, unless overridden. */
    public static Map<String, String> defaults(SalesforceSimulator simulator, Path dataDir) {
        SimulatorCredentials c = simulator.org().credentials();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("salesforce.login-url", simulator.baseUrl());
        p.put("salesforce.consumer-key", c.consumerKey());
        p.put("salesforce.consumer-secret", c.consumerSecret());
        p.put("salesforce.username", c.username());
        p.put("salesforce.password", c.password());
        p.put("salesforce.security-token", c.securityToken());
        p.put("db.url", "jdbc:h2:file:" + dataDir.resolve("db").toAbsolutePath());
        p.put("sync.on-startup", "false");
        p.put("sync.schedule", "0 0 0 1 1 ? 2099");
        // retries of transient failures keep their production count but not their production delays
        p.put("sync.retry.initial-delay-ms", "20");
        p.put("sync.retry.max-delay-ms", "100");
        p.put("api.token", API_TOKEN);
        p.put("api.token-file", dataDir.resolve("api-token").toAbsolutePath().toString());
        return p;
    }

    public static RuntimeHarness start(Map<String, String> properties) throws Exception {
        int port = freePort();
        Main main = RuntimeLauncher.createMain(Path.of(""));
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        properties.forEach(main::addOverrideProperty);
        main.start();
        return new RuntimeHarness(main, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public DataSource dataSource() {
        return context().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return send(method, path, "Bearer " + API_TOKEN, null);
    }

    /** @param authorization the Authorization header, or null to send none; @param json a body, or null */
    public HttpResponse<String> send(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send("POST", path);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** A single number from SQL, for asserting on the database state. */
    public long count(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
