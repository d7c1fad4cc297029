package dev.switchboard.numbers;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The intent to buy one exact number, written before the provider is asked and settled after: {@code pending}
 * until the outcome is known, then {@code bought} (with the held number it produced) or {@code failed}.
 */
record NumberPurchase(
        UUID id,
        UUID userId,
        UUID accountConnectionId,
        String telephonyProvider,
        String phoneNumber,
        @Nullable String idempotencyKey,
        @Nullable UUID inboundAgentId,
        String state,
        @Nullable UUID phoneNumberId,
        @Nullable String failure,
        Instant createdAt,
        Instant updatedAt) {

    static final String PENDING = "pending";
    static final String BOUGHT = "bought";
    static final String FAILED = "failed";

    static NumberPurchase pending(UUID userId, UUID connectionId, String provider, String phoneNumber,
            @Nullable String idempotencyKey, @Nullable UUID inboundAgentId, Instant now) {
        return new NumberPurchase(UUID.randomUUID(), userId, connectionId, provider, phoneNumber, idempotencyKey,
                inboundAgentId, PENDING, null, null, now, now);
    }

    boolean isPending() {
        return PENDING.equals(state);
    }

    boolean isBought() {
        return BOUGHT.equals(state);
    }
}
