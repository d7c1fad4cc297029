package dev.switchboard.numbers;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A number a user holds through Switchboard, as stored.
 *
 * @param acquisition how Switchboard came to hold it: {@link #BOUGHT} (cancel releases it at the provider) or
 *     {@link #LINKED} (the account already owned it; cancel only forgets it)
 * @param providerDetails what the provider said of the number when it was bought or linked; null for numbers
 *     recorded before Switchboard kept it
 */
record HeldNumber(
        UUID id,
        UUID userId,
        String phoneNumber,
        String telephonyProvider,
        UUID accountConnectionId,
        String acquisition,
        @Nullable String providerNumberId,
        boolean active,
        @Nullable String label,
        @Nullable String description,
        boolean outboundOnly,
        Map<String, Object> exampleContext,
        @Nullable UUID inboundAgentId,
        @Nullable ProviderDetails providerDetails,
        Instant createdAt,
        Instant updatedAt) {

    static final String BOUGHT = "bought";
    static final String LINKED = "linked";

    boolean bought() {
        return BOUGHT.equals(acquisition);
    }

    /** The number out of service (its provider no longer has it for the account). */
    HeldNumber inactive() {
        return new HeldNumber(id, userId, phoneNumber, telephonyProvider, accountConnectionId, acquisition,
                providerNumberId, false, label, description, outboundOnly, exampleContext, inboundAgentId,
                providerDetails, createdAt, updatedAt);
    }

    HeldNumber withChanges(@Nullable String newLabel, @Nullable String newDescription, boolean newOutboundOnly,
            Map<String, Object> newExampleContext, @Nullable UUID newInboundAgentId, Instant now) {
        return new HeldNumber(id, userId, phoneNumber, telephonyProvider, accountConnectionId, acquisition,
                providerNumberId, active, newLabel, newDescription, newOutboundOnly, newExampleContext,
                newInboundAgentId, providerDetails, createdAt, now);
    }
}
