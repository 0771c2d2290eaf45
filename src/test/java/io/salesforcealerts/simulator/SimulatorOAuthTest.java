package io.salesforcealerts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.salesforcealerts.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

class SimulatorOAuthTest {

    private static SalesforceSimulator simulator;
    private static SimulatorHttp http;
    private static KeyPair jwtKeys;

    @BeforeAll
    static void start() throws Exception {
        simulator = SalesforceSimulator.start(SimulatedOrg.generate(5, 50));
        http = new SimulatorHttp(simulator);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        jwtKeys = generator.generateKeyPair();
        simulator.org().registerJwtCertificate(jwtKeys.getPublic());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
    }

    @Test
    void passwordLoginReturnsSalesforcesTokenResponse() throws Exception {
        HttpResponse<String> response = http.token(http.passwordForm());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        JsonNode body = json(response);
        assertThat(body.fieldNames()).toIterable()
                .containsExactly("access_token", "instance_url", "id", "token_type", "issued_at", "signature", "scope");
        String orgId = simulator.org().orgId();
        assertThat(body.get("access_token").asText()).startsWith(orgId.substring(0, 15) + "!");
        assertThat(body.get("instance_url").asText()).isEqualTo(simulator.baseUrl());
        assertThat(body.get("id").asText())
                .isEqualTo(simulator.baseUrl() + "/id/" + orgId + "/" + simulator.org().integrationUserId());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("scope").asText()).isEqualTo("api");
        long issuedAt = Long.parseLong(body.get("issued_at").asText());
        assertThat(issuedAt).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        assertThat(body.get("signature").asText()).isEqualTo(TokenEndpoint.sign(
                body.get("id").asText() + body.get("issued_at").asText(), simulator.org().credentials().consumerSecret()));
        assertThat(body.get("signature").isTextual()).isTrue();
    }

    @Test
    void passwordWithoutSecurityTokenIsAcceptedAsFromATrustedIpRange() throws Exception {
        Map<String, String> form = http.passwordForm();
        form.put("password", simulator.org().credentials().password());

        assertThat(http.token(form).statusCode()).isEqualTo(200);
    }

    @Test
    void loginErrorsAre400WithSalesforcesErrorBodiesInSalesforcesOrder() throws Exception {
        Map<String, String> badGrant = http.passwordForm();
        badGrant.put("grant_type", "authorization_code");
        badGrant.put("client_id", "nope"); // grant type is checked first
        assertOAuthError(badGrant, "unsupported_grant_type", "grant type not supported");

        Map<String, String> badClient = http.passwordForm();
        badClient.put("client_id", "3MVG9unknown");
        badClient.put("client_secret", "wrong"); // client id is checked before the secret
        assertOAuthError(badClient, "invalid_client_id", "client identifier invalid");

        Map<String, String> badSecret = http.passwordForm();
        badSecret.put("client_secret", "wrong");
        badSecret.put("password", "wrong");
        assertOAuthError(badSecret, "invalid_client", "invalid client credentials");

        Map<String, String> badPassword = http.passwordForm();
        badPassword.put("password", "wrong");
        assertOAuthError(badPassword, "invalid_grant", "authentication failure");

        Map<String, String> badUser = http.passwordForm();
        badUser.put("username", "someone@else.example.com");
        assertOAuthError(badUser, "invalid_grant", "authentication failure");
    }

    @Test
    void injectedLoginErrorAnswersEveryTokenRequestUntilCleared() throws Exception {
        simulator.faults().loginError("invalid_grant", "ip restricted");

        assertOAuthError(http.passwordForm(), "invalid_grant", "ip restricted");
        simulator.faults().clearLoginError();
        assertThat(http.token(http.passwordForm()).statusCode()).isEqualTo(200);
    }

    @Test
    void clientCredentialsFlowChecksTheConnectedApp() throws Exception {
        SimulatorCredentials c = simulator.org().credentials();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", c.consumerKey());
        form.put("client_secret", c.consumerSecret());
        assertThat(http.token(form).statusCode()).isEqualTo(200);

        form.put("client_secret", "wrong");
        assertOAuthError(form, "invalid_client", "invalid client credentials");
    }

    @Test
    void jwtBearerFlowVerifiesSignatureIssuerSubjectAndExpiry() throws Exception {
        SimulatorCredentials c = simulator.org().credentials();
        long exp = Instant.now().getEpochSecond() + 300;
        // camel-salesforce sends exp as a string
        String claims = "{\"iss\":\"" + c.consumerKey() + "\",\"sub\":\"" + c.username() + "\",\"aud\":\""
                + simulator.baseUrl() + "\",\"exp\":\"" + exp + "\"}";

        HttpResponse<String> ok = http.token(jwtForm(sign(claims, jwtKeys.getPrivate())));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String token = json(ok).get("access_token").asText();
        assertThat(http.get(SimulatorHttp.API + "/limits/", token).statusCode()).isEqualTo(200);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        assertOAuthError(jwtForm(sign(claims, generator.generateKeyPair().getPrivate())), "invalid_grant", "invalid assertion");
        assertOAuthError(jwtForm(sign(claims.replace(c.consumerKey(), "3MVG9other"), jwtKeys.getPrivate())),
                "invalid_client_id", "client identifier invalid");
        String expired = claims.replace("\"" + exp + "\"", Long.toString(Instant.now().getEpochSecond() - 10));
        assertThat(json(http.token(jwtForm(sign(expired, jwtKeys.getPrivate())))).get("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(http.token(jwtForm(sign(claims.replace(c.username(), "x@y.z"), jwtKeys.getPrivate())))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void tokenEndpointNeverAnswers401() throws Exception {
        HttpResponse<String> get = http.get("/services/oauth2/token", null);

        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(json(get).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void revokeInvalidatesTheTokenAndRejectsUnknownTokens() throws Exception {
        String token = http.login();
        assertThat(http.get(SimulatorHttp.API + "/limits", token).statusCode()).isEqualTo(200);
        long before = simulator.stats().revokeCalls();

        assertThat(http.get("/services/oauth2/revoke?token=" + SimulatorHttp.encode(token), null).statusCode())
                .isEqualTo(200);

        HttpResponse<String> after = http.get(SimulatorHttp.API + "/limits", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
        HttpResponse<String> unknown = http.get("/services/oauth2/revoke?token=" + SimulatorHttp.encode(token), null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body())
                .isEqualTo("{\"error\":\"unsupported_token_type\",\"error_description\":\"this token type is not supported\"}");
        assertThat(simulator.stats().revokeCalls()).isEqualTo(before + 2);
    }

    private static void assertOAuthError(Map<String, String> form, String error, String description) throws Exception {
        HttpResponse<String> response = http.token(form);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        assertThat(response.body())
                .isEqualTo("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static Map<String, String> jwtForm(String assertion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", TokenEndpoint.JWT_BEARER);
        form.put("assertion", assertion);
        return form;
    }

    private static String sign(String claims, PrivateKey key) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + b64.encodeToString(signature.sign());
    }
}
