package dev.switchboard.connections;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An account connection as every response shows it (the seed's {@code openai_account_connection} and
 * {@code telephony_account_connection} shape), with credentials masked: secrets never leave in full.
 */
public record AccountConnectionView(
        UUID id,
        UUID userId,
        @Nullable String label,
        @Nullable String description,
        String type,
        Map<String, String> credentials,
        List<String> steeringPool,
        boolean accountSupportsAnyCallerId,
        Map<String, Object> config,
        Instant createdAt,
        Instant updatedAt) {}
