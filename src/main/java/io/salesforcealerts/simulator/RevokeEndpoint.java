package io.salesforcealerts.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;

/** GET|POST /services/oauth2/revoke?token=...; camel-salesforce calls it at shutdown. */
final class RevokeEndpoint implements HttpHandler {

    private final SessionStore sessions;
    private final SimulatorFaults faults;
    private final SimulatorStats stats;

    RevokeEndpoint(SessionStore sessions, SimulatorFaults faults, SimulatorStats stats) {
        this.sessions = sessions;
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        stats.revoke();
        String token = HttpIO.formParams(exchange).get("token");
        if (sessions.revoke(token)) {
            HttpIO.send(exchange, 200, null, new byte[0], faults);
        } else {
            HttpIO.send(exchange, 400, HttpIO.JSON,
                    HttpIO.oauthError("unsupported_token_type", "this token type is not supported"), faults);
        }
    }
}
