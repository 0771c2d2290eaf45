package io.salesforcealerts.sync;

import java.util.Set;

import org.apache.camel.Exchange;

/**
 * Decides whether a query failure means "this org has no such object, or this user may not read it":
 * such an object is skipped with its reason instead of failing the whole sync.
 */
public class ObjectAvailability {

    private static final Set<String> UNAVAILABLE = Set.of("INVALID_TYPE", "INSUFFICIENT_ACCESS");

    public boolean isUnavailable(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught == null) {
            caught = exchange.getException();
        }
        return caught != null && UNAVAILABLE.contains(SyncError.from(caught).code());
    }
}
