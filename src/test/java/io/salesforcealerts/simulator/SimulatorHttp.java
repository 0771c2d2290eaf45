package io.salesforcealerts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Small HTTP client for the simulator tests, speaking the wire format camel-salesforce uses. */
final class SimulatorHttp {

    static final String API = "/services/data/v56.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SalesforceSimulator simulator;

    SimulatorHttp(SalesforceSimulator simulator) {
        this.simulator = simulator;
    }

    /** Password-flow form with the org's demo credentials, ready to tweak. */
    Map<String, String> passwordForm() {
        SimulatorCredentials c = simulator.org().credentials();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", c.consumerKey());
        form.put("client_secret", c.consumerSecret());
        form.put("username", c.username());
        form.put("password", c.passwordWithToken());
        form.put("format", "json");
        return form;
    }

    HttpResponse<String> token(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String login() throws IOException, InterruptedException {
        HttpResponse<String> response = token(passwordForm());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> get(String pathAndQuery, String token, String... headers)
            throws IOException, InterruptedException {
        return client.send(request(pathAndQuery, token, headers), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery, String token, String... headers) {
        return client.sendAsync(request(pathAndQuery, token, headers), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> query(String soql, String token, String... headers) throws IOException, InterruptedException {
        return get(queryPath(soql), token, headers);
    }

    /** camel-salesforce style: {@code /query/?q=} with %20 for spaces. */
    static String queryPath(String soql) {
        return API + "/query/?q=" + encode(soql);
    }

    private HttpRequest request(String pathAndQuery, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /** Raw HTTP/1.1 exchange on a fresh socket, for faults a real client would paper over with retries. */
    String raw(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketException e) {
                return ""; // a reset while reading is as good as an empty answer
            }
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
