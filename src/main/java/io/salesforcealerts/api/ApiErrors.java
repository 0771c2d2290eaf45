package io.salesforcealerts.api;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns exceptions in API routes into JSON errors; no stack trace or internal detail reaches a client. */
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    public void badRequest(Exchange exchange) {
        ApiRequestException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ApiRequestException.class);
        JsonResponses.error(exchange, e.status(), e.code(), e.getMessage());
        if (e.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
    }

    public void internalError(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("API request {} {} failed: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                exchange.getMessage().getHeader(Exchange.HTTP_PATH), e == null ? "?" : e.toString());
        JsonResponses.error(exchange, 500, "INTERNAL_ERROR", "the request could not be completed; see the runtime log");
    }
}
