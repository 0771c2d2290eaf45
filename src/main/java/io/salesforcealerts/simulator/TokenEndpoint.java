package io.salesforcealerts.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * POST /services/oauth2/token for the password, client-credentials and JWT bearer flows.
 * Failures are always 400: camel-salesforce hangs on a 401 from this endpoint.
 */
final class TokenEndpoint implements HttpHandler {

    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final SimulatedOrg org;
    private final SessionStore sessions;
    private final SimulatorFaults faults;
    private final SimulatorStats stats;
    private final Supplier<String> baseUrl;
    /** Protocol timestamps use the wall clock: clients sign JWT exp with theirs, not the org's test clock. */
    private final Clock wallClock = Clock.systemUTC();

    TokenEndpoint(SimulatedOrg org, SessionStore sessions, SimulatorFaults faults, SimulatorStats stats,
                  Supplier<String> baseUrl) {
        this.org = org;
        this.sessions = sessions;
        this.faults = faults;
        this.stats = stats;
        this.baseUrl = baseUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        stats.tokenRequest();
        Map<String, String> params = HttpIO.formParams(exchange);
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                throw new OAuthException("invalid_request", "must use HTTP POST");
            }
            SimulatorFaults.LoginError injected = faults.currentLoginError();
            if (injected != null) {
                throw new OAuthException(injected.error(), injected.description());
            }
            authenticate(params);
            HttpIO.send(exchange, 200, HttpIO.JSON, success(params.get("client_secret")), faults);
        } catch (OAuthException e) {
            HttpIO.send(exchange, 400, HttpIO.JSON, HttpIO.oauthError(e.error(), e.description()), faults);
        }
    }

    /** Checks in Salesforce's order: grant type, client id, client secret, then the user. */
    private void authenticate(Map<String, String> p) throws OAuthException {
        SimulatorCredentials c = org.credentials();
        String grantType = p.getOrDefault("grant_type", "");
        switch (grantType) {
            case "password" -> {
                checkClient(p, c);
                if (!c.username().equals(p.get("username")) || !c.acceptsPassword(p.getOrDefault("password", ""))) {
                    throw OAuthException.authenticationFailure();
                }
            }
            case "client_credentials" -> checkClient(p, c);
            case JWT_BEARER -> JwtBearerVerifier.verify(p.get("assertion"), org, wallClock.instant());
            default -> throw new OAuthException("unsupported_grant_type", "grant type not supported");
        }
    }

    private static void checkClient(Map<String, String> p, SimulatorCredentials c) throws OAuthException {
        if (!c.consumerKey().equals(p.get("client_id"))) {
            throw OAuthException.invalidClientId();
        }
        if (!c.consumerSecret().equals(p.get("client_secret"))) {
            throw OAuthException.invalidClient();
        }
    }

    private byte[] success(String clientSecret) {
        String instanceUrl = baseUrl.get();
        String id = instanceUrl + "/id/" + org.orgId() + "/" + org.integrationUserId();
        String issuedAt = Long.toString(wallClock.millis());
        String token = sessions.issue(org.orgId());
        // the JWT flow sends no secret; sign with the app's secret as Salesforce does
        String signature = sign(id + issuedAt, clientSecret != null ? clientSecret : org.credentials().consumerSecret());
        return HttpIO.json(gen -> {
            gen.writeStartObject();
            gen.writeStringField("access_token", token);
            gen.writeStringField("instance_url", instanceUrl);
            gen.writeStringField("id", id);
            gen.writeStringField("token_type", "Bearer");
            gen.writeStringField("issued_at", issuedAt);
            gen.writeStringField("signature", signature);
            gen.writeStringField("scope", "api");
            gen.writeEndObject();
        });
    }

    static String sign(String data, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
