package dev.switchboard.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A delivery as {@code GET /v1/webhooks/deliveries} shows it.
 *
 * @param status {@code pending} (queued or waiting for its next attempt), {@code delivered} (a 2xx answer),
 *     {@code failed} (given up: not through within the retry window, or refused by the SSRF guard)
 * @param lastStatusCode the HTTP status of the last attempt, null when it got no answer
 * @param lastError why the last attempt failed (a timeout, a refused address, the status), null when it did not
 * @param nextAttemptAt when it is tried next, null once delivered or failed
 */
public record DeliveryView(
        UUID id,
        UUID webhookId,
        UUID eventId,
        String eventType,
        String status,
        int attempts,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.webhookId(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                d.lastStatusCode(), d.lastError(), d.nextAttemptAt(), d.lastAttemptAt(), d.deliveredAt(), d.createdAt(),
                d.updatedAt());
    }
}
