package io.salesforcealerts.sync;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * Why a sync (or one object of it) failed: a stable code and a one-line message taken from what
 * Salesforce or the network said. Messages never carry request parameters, so no secret reaches them.
 */
public record SyncError(String code, String message, int httpStatus) {

    /** Which setting to fix, from the troubleshooting table. */
    public String hint() {
        return DiagnosisHints.forError(code, message);
    }

    private static final Pattern LOGIN_ERROR = Pattern.compile("Login error code:\\[(.*?)] description:\\[(.*?)]", Pattern.DOTALL);
    private static final int MAX_MESSAGE = 500;

    public static SyncError of(String code, String message) {
        return new SyncError(code, shorten(message), 0);
    }

    public static SyncError from(Throwable failure) {
        return from(failure, null);
    }

    /** @param host the Salesforce host being called, named in network failures; may be null */
    public static SyncError from(Throwable failure, String host) {
        String at = host == null ? "" : " " + host;
        SalesforceException withoutErrors = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DiagnosedException d) {
                return d.error();
            } else if (t instanceof SalesforceException sf) {
                if (sf.getErrors() != null && !sf.getErrors().isEmpty()) {
                    return fromErrors(sf);
                }
                withoutErrors = withoutErrors == null ? sf : withoutErrors;
            } else if (t instanceof MalformedSalesforceResponseException) {
                return of("MALFORMED_RESPONSE", t.getMessage());
            } else if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return of("DNS_FAILURE", "Salesforce host" + at + " could not be resolved: " + t.getMessage());
            } else if (t instanceof ConnectException) {
                return of("CONNECTION_FAILED", "Could not connect to Salesforce" + at + ": " + t.getMessage());
            } else if (t instanceof SSLException) {
                return of("TLS_FAILURE", "TLS handshake with Salesforce" + at + " failed: " + t.getMessage());
            } else if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return of("TIMEOUT", "Salesforce" + at + " did not answer in time: " + t.getMessage());
            } else if (t instanceof SQLException) {
                return of("DATABASE_ERROR", "Database error: " + t.getMessage());
            }
        }
        if (withoutErrors != null && withoutErrors.getStatusCode() > 0) {
            int status = withoutErrors.getStatusCode();
            // camel-salesforce gives up on a 401 after its own re-logins without keeping Salesforce's body
            String code = status == 401 ? "INVALID_SESSION_ID" : "HTTP_" + status;
            return new SyncError(code, shorten("Salesforce" + at + " answered " + status + ": "
                    + withoutErrors.getMessage()), status);
        }
        if (withoutErrors != null) {
            return of("SALESFORCE_ERROR", withoutErrors.getMessage());
        }
        return of("INTERNAL_ERROR", failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private static SyncError fromErrors(SalesforceException e) {
        RestError first = e.getErrors().get(0);
        Matcher login = LOGIN_ERROR.matcher(String.valueOf(first.getMessage()));
        if (login.find()) {
            return new SyncError(login.group(1), shorten(login.group(2)), e.getStatusCode());
        }
        return new SyncError(first.getErrorCode(), shorten(first.getMessage()), e.getStatusCode());
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        String oneLine = message.strip().replaceAll("\\s*\\n\\s*", " ");
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "...";
    }
}
