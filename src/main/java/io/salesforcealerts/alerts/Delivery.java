package io.salesforcealerts.alerts;

import java.time.Instant;

/** A row of the {@code alert_delivery} outbox: one notification for one channel. */
public record Delivery(long id, String idempotencyKey, String fingerprint, String channel, String kind, String payload,
        String status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt,
        Instant deliveredAt, Integer responseStatus, String lastError) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";
}
