package dev.switchboard.agents;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /v1/voices/create} and {@code /update}; on update, omitted fields stay. */
public record VoiceRequest(
        @Nullable String label,
        @Nullable String description,
        @Nullable String provider,
        @Nullable String voiceId,
        @Nullable Map<String, @Nullable Object> config) {}
