package io.salesforcealerts.sync;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the {@code salesforce-calls} route configuration ({@code retryWhile}), whether a failed
 * Salesforce call is tried again, and after how long: transient failures only (connection refused or
 * reset, timeouts, truncated bodies, 500/502/503/504), with exponential backoff and full jitter, at most
 * {@code sync.retry.max-attempts} tries and {@code sync.retry.max-total} per call. A Retry-After, when a
 * supplier of the latest one is given, lengthens the delay (within the total budget); camel-salesforce's
 * exception does not carry response headers, so none is wired today. 4xx answers, including
 * REQUEST_LIMIT_EXCEEDED, are never retried; INVALID_SESSION_ID is re-logged-in by camel-salesforce itself.
 */
public class SalesforceRetry {

    /** Exchange property: when the first try of the current call failed. */
    static final String FIRST_FAILURE = "sfRetryFirstFailure";
    static final String ATTEMPT = "sfRetryAttempt";
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceRetry.class);

    public record Settings(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxTotal) {
    }

    private final Settings settings;
    private final Clock clock;
    private final Supplier<Duration> lastRetryAfter;

    /** @param lastRetryAfter the Retry-After of the latest 5xx answer, or null; see {@link RetryAfterTracker} */
    public SalesforceRetry(Settings settings, Clock clock, Supplier<Duration> lastRetryAfter) {
        this.settings = settings;
        this.clock = clock;
        this.lastRetryAfter = lastRetryAfter;
    }

    /** Called by the salesforce-calls route before each call: a new call has its own budget. */
    public void beginCall(Exchange exchange) {
        exchange.removeProperty(FIRST_FAILURE);
        exchange.removeProperty(ATTEMPT);
    }

    /** retryWhile: true to try the failed call again; sets the delay before the next try. */
    public boolean retry(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (!isTransient(failure)) {
            return false;
        }
        Instant now = clock.instant();
        Instant first = exchange.getProperty(FIRST_FAILURE, Instant.class);
        if (first == null) {
            first = now;
            exchange.setProperty(FIRST_FAILURE, first);
        }
        int attempt = exchange.getProperty(ATTEMPT, 1, Integer.class); // tries made so far
        if (attempt >= settings.maxAttempts()) {
            LOG.warn("Salesforce call failed {} times, giving up: {}", attempt, SyncError.from(failure).message());
            return false;
        }
        long delay = backoff(attempt);
        Duration retryAfter = lastRetryAfter == null ? null : lastRetryAfter.get();
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            delay = retryAfter.toMillis();
        }
        long spent = Duration.between(first, now).toMillis();
        if (spent + delay > settings.maxTotal().toMillis()) {
            LOG.warn("Salesforce call failed; no retry within sync.retry.max-total ({} ms spent, next delay {} ms): {}",
                    spent, delay, SyncError.from(failure).message());
            return false;
        }
        exchange.setProperty(ATTEMPT, attempt + 1);
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        LOG.warn("Salesforce call failed (try {} of {}), trying again in {} ms: {}", attempt, settings.maxAttempts(),
                delay, SyncError.from(failure).message());
        return true;
    }

    /** Exponential backoff with full jitter: random in [d/2, d] for d = initial * 2^(attempt-1), capped. */
    long backoff(int attempt) {
        long base = settings.initialDelay().toMillis();
        long capped = Math.min(settings.maxDelay().toMillis(), base << Math.min(attempt - 1, 20));
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** Network failures, timeouts, truncated bodies and 5xx gateway answers; never a 4xx. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException sf && sf.getStatusCode() > 0) {
                int status = sf.getStatusCode();
                // a 2xx "Unexpected error" is a body that broke off (connection closed half-way)
                return status / 100 == 2 || status == 500 || status == 502 || status == 503 || status == 504;
            }
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof EOFException || t instanceof MalformedSalesforceResponseException) {
                return true;
            }
            if (t instanceof IOException io && !(t instanceof java.net.UnknownHostException)
                    && !(t instanceof javax.net.ssl.SSLException)) {
                return true; // connection reset, closed early
            }
        }
        return false;
    }
}
