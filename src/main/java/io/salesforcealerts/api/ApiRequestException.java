package io.salesforcealerts.api;

/** A request the API refuses: answered with its 4xx status and a JSON error naming the problem. */
public class ApiRequestException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
