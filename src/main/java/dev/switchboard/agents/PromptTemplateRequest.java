package dev.switchboard.agents;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /v1/prompt_templates/create} and {@code /update}; on update, omitted fields stay. */
public record PromptTemplateRequest(@Nullable String label, @Nullable List<@Nullable String> requiredContextKeys) {}
