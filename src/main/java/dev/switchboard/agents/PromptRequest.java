package dev.switchboard.agents;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/prompts/create} and {@code /update}: {@code prompt_template} by id ({@code ""} clears
 * it on update). On update, omitted fields stay; an empty label, description or context endpoint clears it.
 */
public record PromptRequest(
        @Nullable String label,
        @Nullable String description,
        @Nullable String content,
        @Nullable String contextEndpoint,
        @Nullable List<@Nullable Object> collectFields,
        @Nullable String type,
        @Nullable List<@Nullable String> tags,
        @Nullable String promptTemplate) {}
