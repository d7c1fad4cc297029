package dev.switchboard.agents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A voice as responses show it (the seed's {@code inbound_agent.voice}, an object the seed leaves open): the
 * text-to-speech provider, that provider's voice id and provider-specific settings.
 */
public record VoiceView(
        UUID id,
        UUID userId,
        @Nullable String label,
        @Nullable String description,
        String provider,
        String voiceId,
        Map<String, Object> config,
        Instant createdAt,
        Instant updatedAt) {}
