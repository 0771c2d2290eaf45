package io.salesforcealerts.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks a JWT bearer assertion: RS256 signature by a registered certificate key, iss = consumer key,
 * sub = the integration username, exp in the future. camel-salesforce sends exp as a string,
 * so both string and number are accepted. Error texts beyond the client-id one are best guesses.
 */
final class JwtBearerVerifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JwtBearerVerifier() {
    }

    static void verify(String assertion, SimulatedOrg org, Instant now) throws OAuthException {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            throw invalidAssertion();
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new OAuthException("invalid_grant", "invalid assertion");
        }
        if (!org.credentials().consumerKey().equals(claims.path("iss").asText())) {
            throw OAuthException.invalidClientId();
        }
        if (!signedByRegisteredKey(parts, org)) {
            throw invalidAssertion();
        }
        long exp;
        try {
            exp = Long.parseLong(claims.path("exp").asText());
        } catch (NumberFormatException e) {
            throw invalidAssertion();
        }
        if (exp <= now.getEpochSecond()) {
            throw new OAuthException("invalid_grant", "expired authorization code");
        }
        if (!org.credentials().username().equals(claims.path("sub").asText())) {
            throw new OAuthException("invalid_grant", "user hasn't approved this consumer");
        }
    }

    private static boolean signedByRegisteredKey(String[] parts, SimulatedOrg org) throws OAuthException {
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = base64Url(parts[2]);
        for (PublicKey key : org.jwtKeys()) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(signed);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // not an RSA key or a malformed signature: try the next key
            }
        }
        return false;
    }

    private static JsonNode decode(String part) throws OAuthException {
        try {
            return MAPPER.readTree(base64Url(part));
        } catch (java.io.IOException e) {
            throw invalidAssertion();
        }
    }

    private static byte[] base64Url(String part) throws OAuthException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw invalidAssertion();
        }
    }

    private static OAuthException invalidAssertion() {
        return new OAuthException("invalid_grant", "invalid assertion");
    }
}
