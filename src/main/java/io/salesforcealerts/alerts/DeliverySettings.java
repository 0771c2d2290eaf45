package io.salesforcealerts.alerts;

import java.time.Duration;

/** How the outbox is retried: exponential backoff from {@code initialBackoff} up to {@code maxBackoff}, with jitter, until {@code maxAge}. */
public record DeliverySettings(Duration initialBackoff, Duration maxBackoff, Duration maxAge, int batchSize) {
}
