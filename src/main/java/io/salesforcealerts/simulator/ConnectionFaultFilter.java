package io.salesforcealerts.simulator;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/** Drops the connection without a response when a reset was requested; the JDK server closes it on IOException. */
final class ConnectionFaultFilter extends Filter {

    private final SimulatorFaults faults;

    ConnectionFaultFilter(SimulatorFaults faults) {
        this.faults = faults;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (faults.takeReset()) {
            throw new IOException("simulated connection reset");
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "injects connection resets";
    }
}
