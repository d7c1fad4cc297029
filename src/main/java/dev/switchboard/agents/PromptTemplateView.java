package dev.switchboard.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A prompt template as responses show it (the seed's {@code prompt.prompt_template}). */
public record PromptTemplateView(
        UUID id,
        UUID userId,
        List<String> requiredContextKeys,
        @Nullable String label,
        Instant createdAt,
        Instant updatedAt) {

    public PromptTemplateView {
        requiredContextKeys = List.copyOf(requiredContextKeys);
    }
}
