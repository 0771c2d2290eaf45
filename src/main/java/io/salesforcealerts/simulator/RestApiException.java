package io.salesforcealerts.simulator;

/** A REST API failure rendered as Salesforce's error array {@code [{"message","errorCode","fields"}]}. */
public class RestApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    public RestApiException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    static RestApiException invalidSession() {
        return new RestApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }

    static RestApiException requestLimitExceeded() {
        return new RestApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }

    static RestApiException notFound() {
        return new RestApiException(404, "NOT_FOUND", "The requested resource does not exist");
    }
}
