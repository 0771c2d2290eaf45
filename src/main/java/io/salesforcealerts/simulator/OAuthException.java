package io.salesforcealerts.simulator;

/** An OAuth failure; the token endpoint renders it as 400 {@code {"error","error_description"}}, never 401. */
final class OAuthException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String error;

    OAuthException(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    static OAuthException invalidClientId() {
        return new OAuthException("invalid_client_id", "client identifier invalid");
    }

    static OAuthException invalidClient() {
        return new OAuthException("invalid_client", "invalid client credentials");
    }

    static OAuthException authenticationFailure() {
        return new OAuthException("invalid_grant", "authentication failure");
    }
}
