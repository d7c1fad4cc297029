package dev.switchboard.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A prompt as responses show it (the seed's {@code inbound_agent.prompt}), its template expanded. */
public record PromptView(
        UUID id,
        UUID userId,
        @Nullable String label,
        @Nullable String description,
        String content,
        @Nullable String contextEndpoint,
        List<CollectField> collectFields,
        String type,
        List<String> tags,
        @Nullable PromptTemplateView promptTemplate,
        Instant createdAt,
        Instant updatedAt) {

    public PromptView {
        collectFields = List.copyOf(collectFields);
        tags = List.copyOf(tags);
    }
}
