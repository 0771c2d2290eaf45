package io.salesforcealerts.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure modes a test (or a demo) can switch on at runtime. Thread-safe; {@link #clear()}
 * restores normal behaviour (sessions already expired stay expired).
 */
public final class SimulatorFaults {

    record LoginError(String error, String description) {
    }

    /** A REST error served {@code remaining} more times (negative = forever). */
    static final class RestErrorRule {
        final String sobject;
        final int page;
        final int status;
        final String errorCode;
        final String message;
        final AtomicInteger remaining;

        RestErrorRule(String sobject, int page, int status, String errorCode, String message, int times) {
            this.sobject = sobject;
            this.page = page;
            this.status = status;
            this.errorCode = errorCode;
            this.message = message;
            this.remaining = new AtomicInteger(times);
        }

        boolean matches(String requestSobject, int requestPage) {
            if (sobject == null && page < 0) {
                return true;
            }
            return requestSobject != null
                    && (sobject == null || sobject.equalsIgnoreCase(requestSobject))
                    && (page < 0 || page == requestPage);
        }
    }

    record ServerError(int status, Duration retryAfter) {
    }

    private volatile LoginError loginError;
    private final List<RestErrorRule> restErrors = new ArrayList<>();
    private ServerError serverError;
    private int serverErrorTimes;
    private final AtomicLong sessionEpoch = new AtomicLong();
    private final AtomicInteger requestsUntilExpiry = new AtomicInteger(-1);
    private volatile boolean requestLimitExceeded;
    private volatile Duration pageDelay = Duration.ZERO;
    private volatile QueryGate gate;
    private final AtomicBoolean truncateNext = new AtomicBoolean();
    private final AtomicBoolean resetNext = new AtomicBoolean();

    /** Every token request answers 400 {@code {"error":error,"error_description":description}}. */
    public void loginError(String error, String description) {
        loginError = new LoginError(error, description);
    }

    public void clearLoginError() {
        loginError = null;
    }

    /**
     * Answers matching REST calls with {@code [{"message","errorCode","fields":[]}]}.
     *
     * @param sobject null for any object
     * @param page    0-based page of the query (0 = the first request, 1 = the first nextRecordsUrl, ...), -1 for any;
     *                with both sobject null and page -1 the rule also hits non-query calls such as /limits
     * @param times   how many requests fail; negative means until {@link #clear()}
     */
    public synchronized void restError(String sobject, int page, int status, String errorCode, String message, int times) {
        if (times == 0) {
            return;
        }
        restErrors.add(new RestErrorRule(sobject, page, status, errorCode, message, times));
    }

    /** The next {@code times} REST calls fail with a gateway-style 5xx before any auth check. */
    public void serverError(int status, int times) {
        serverError(status, times, null);
    }

    /** As {@link #serverError(int, int)}, adding a Retry-After header (whole seconds) when given. */
    public synchronized void serverError(int status, int times, Duration retryAfter) {
        serverError = new ServerError(status, retryAfter);
        serverErrorTimes = times;
    }

    /** Invalidates every access token issued so far (INVALID_SESSION_ID); new logins work. */
    public void expireSessions() {
        sessionEpoch.incrementAndGet();
        requestsUntilExpiry.set(-1);
    }

    /** Lets {@code n} more authenticated REST calls through, then expires all sessions. */
    public void expireSessionAfterRequests(int n) {
        if (n <= 0) {
            expireSessions();
        } else {
            requestsUntilExpiry.set(n);
        }
    }

    /** 403 REQUEST_LIMIT_EXCEEDED on every REST call while on. */
    public void requestLimitExceeded(boolean on) {
        requestLimitExceeded = on;
    }

    /** Delay before each query page, to simulate a slow org. */
    public void pageDelay(Duration delay) {
        pageDelay = delay == null ? Duration.ZERO : delay;
    }

    /** Blocks query requests until the returned gate is released. */
    public synchronized QueryGate holdQueries() {
        QueryGate current = gate;
        if (current == null || current.isReleased()) {
            current = new QueryGate();
            gate = current;
        }
        return current;
    }

    /** The next response (any endpoint) announces its full length but the connection closes half-way. */
    public void truncateNextResponse() {
        truncateNext.set(true);
    }

    /** The next request (any endpoint) gets its connection closed without a response. */
    public void resetConnectionOnNextRequest() {
        resetNext.set(true);
    }

    /** Back to normal: no injected errors, no delay, held queries released. */
    public synchronized void clear() {
        loginError = null;
        restErrors.clear();
        serverError = null;
        serverErrorTimes = 0;
        requestsUntilExpiry.set(-1);
        requestLimitExceeded = false;
        pageDelay = Duration.ZERO;
        if (gate != null) {
            gate.release();
            gate = null;
        }
        truncateNext.set(false);
        resetNext.set(false);
    }

    // ---- used by the endpoints ----

    LoginError currentLoginError() {
        return loginError;
    }

    synchronized RestErrorRule takeRestError(String sobject, int page) {
        for (Iterator<RestErrorRule> it = restErrors.iterator(); it.hasNext(); ) {
            RestErrorRule rule = it.next();
            if (rule.matches(sobject, page)) {
                if (rule.remaining.get() > 0 && rule.remaining.decrementAndGet() == 0) {
                    it.remove();
                }
                return rule;
            }
        }
        return null;
    }

    synchronized ServerError takeServerError() {
        if (serverError == null || serverErrorTimes == 0) {
            return null;
        }
        ServerError e = serverError;
        if (serverErrorTimes > 0 && --serverErrorTimes == 0) {
            serverError = null;
        }
        return e;
    }

    long sessionEpoch() {
        return sessionEpoch.get();
    }

    /** Counts an authenticated REST call towards {@link #expireSessionAfterRequests(int)}. */
    void countAuthenticatedRequest() {
        if (requestsUntilExpiry.get() > 0 && requestsUntilExpiry.decrementAndGet() == 0) {
            expireSessions();
        }
    }

    boolean isRequestLimitExceeded() {
        return requestLimitExceeded;
    }

    Duration pageDelay() {
        return pageDelay;
    }

    QueryGate gate() {
        return gate;
    }

    boolean takeTruncate() {
        return truncateNext.getAndSet(false);
    }

    boolean takeReset() {
        return resetNext.getAndSet(false);
    }
}
