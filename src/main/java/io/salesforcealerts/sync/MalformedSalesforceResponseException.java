package io.salesforcealerts.sync;

/** Salesforce answered 200 with a body we cannot read (truncated, not JSON, missing a required field). */
public class MalformedSalesforceResponseException extends RuntimeException {

    public MalformedSalesforceResponseException(String message) {
        super(message);
    }

    public MalformedSalesforceResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
