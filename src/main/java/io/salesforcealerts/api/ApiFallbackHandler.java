package io.salesforcealerts.api;

import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers what no route serves with a JSON error instead of Vert.x's empty page: 405 (with Allow)
 * for a known path and a wrong method, 404 otherwise. Installed last on the HTTP router.
 */
public final class ApiFallbackHandler implements Handler<RoutingContext> {

    private final PlatformHttpComponent platformHttp;
    private final ApiAuthentication authentication;

    private ApiFallbackHandler(PlatformHttpComponent platformHttp, ApiAuthentication authentication) {
        this.platformHttp = platformHttp;
        this.authentication = authentication;
    }

    public static void install(CamelContext context, int port, ApiAuthentication authentication) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return; // HTTP server disabled
        }
        router.route().order(Integer.MAX_VALUE)
                .handler(new ApiFallbackHandler(context.getComponent("platform-http", PlatformHttpComponent.class),
                        authentication));
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.startsWith("/api") && !authentication.isAuthorized(ctx.request().getHeader("Authorization"))) {
            // say nothing about which paths exist to a caller without the token
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader("Content-Type", "application/json")
                    .end(JsonResponses.toJson(JsonResponses.errorBody("UNAUTHORIZED", "authentication required")));
            return;
        }
        Set<String> allowed = new TreeSet<>();
        for (HttpEndpointModel endpoint : platformHttp.getHttpEndpoints()) {
            if (endpoint.getUri().equals(path)) {
                allowed.add(endpoint.getVerbs() == null ? "GET" : endpoint.getVerbs());
            }
        }
        String method = ctx.request().method().name();
        String body;
        if (allowed.isEmpty()) {
            ctx.response().setStatusCode(404);
            body = JsonResponses.toJson(JsonResponses.errorBody("NOT_FOUND", "no endpoint at " + path));
        } else {
            ctx.response().setStatusCode(405).putHeader("Allow", String.join(", ", allowed));
            body = JsonResponses.toJson(JsonResponses.errorBody("METHOD_NOT_ALLOWED",
                    method + " is not allowed on " + path + "; use " + String.join(", ", allowed)));
        }
        ctx.response().putHeader("Content-Type", "application/json").end(body);
    }
}
