package io.salesforcealerts.sync;

import java.time.Instant;

/** A User record as kept for seat reporting; systemModstamp feeds the incremental-sync watermark. */
public record SalesforceUser(String id, String username, String name, Boolean active, String userType,
        String licenceName, Instant lastLoginAt, Instant systemModstamp) {
}
