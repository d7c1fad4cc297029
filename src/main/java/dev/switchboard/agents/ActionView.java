package dev.switchboard.agents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An action as responses show it (an item of the seed's {@code inbound_agent.actions}). */
public record ActionView(
        UUID id,
        UUID userId,
        String type,
        @Nullable String label,
        @Nullable String description,
        Map<String, Object> config,
        Map<String, Object> actionTrigger,
        Instant createdAt,
        Instant updatedAt) {}
