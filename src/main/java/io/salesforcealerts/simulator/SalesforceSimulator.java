package io.salesforcealerts.simulator;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Salesforce look-alike over HTTP on 127.0.0.1: OAuth token/revoke and the REST query and
 * limits resources, backed by a {@link SimulatedOrg}. The token endpoint is served on the
 * instance URL too, because camel-salesforce re-logs in there after INVALID_SESSION_ID.
 */
public final class SalesforceSimulator implements AutoCloseable {

    /** Enough for parallel syncs plus requests held in a {@link QueryGate}. */
    private static final int THREADS = 32;

    private final SimulatedOrg org;
    private final SimulatorFaults faults = new SimulatorFaults();
    private final SimulatorStats stats = new SimulatorStats();
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final String baseUrl;

    private SalesforceSimulator(SimulatedOrg org, int port) throws IOException {
        this.org = org;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        SessionStore sessions = new SessionStore(faults);
        add("/services/oauth2/token", new TokenEndpoint(org, sessions, faults, stats, this::baseUrl));
        add("/services/oauth2/revoke", new RevokeEndpoint(sessions, faults, stats));
        add("/", new RestEndpoints(org, sessions, faults, stats));
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.start();
    }

    public static SalesforceSimulator start(SimulatedOrg org) {
        return start(org, 0);
    }

    /** @param port 0 picks a free port */
    public static SalesforceSimulator start(SimulatedOrg org, int port) {
        try {
            return new SalesforceSimulator(org, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Salesforce simulator on port " + port, e);
        }
    }

    private void add(String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(new ConnectionFaultFilter(faults));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "salesforce-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Login URL and instance URL, e.g. {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatedOrg org() {
        return org;
    }

    public SimulatorFaults faults() {
        return faults;
    }

    public SimulatorStats stats() {
        return stats;
    }

    @Override
    public void close() {
        faults.clear(); // releases held queries so their threads can finish
        server.stop(0);
        executor.shutdownNow();
    }
}
