package dev.switchboard.numbers;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A number a user holds through Switchboard (bought or linked), as stored. */
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
        @Nullable String inboundAgentName,
        Instant createdAt,
        Instant updatedAt) {}
