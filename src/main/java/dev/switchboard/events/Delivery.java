package dev.switchboard.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One event queued for one webhook, and how its delivery went: a row of {@code webhook_deliveries}. */
record Delivery(
        UUID id,
        UUID eventId,
        String eventType,
        UUID webhookId,
        UUID userId,
        String body,
        String status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
