package dev.switchboard.agents;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The model an agent falls back to when its own fails, in the platform SDK's shape ({@code InternalLlmFallback}):
 * {@code provider} ({@code openai} or {@code azure}) and {@code model_name}; an agent without one answers
 * {@code null}. Stored as a JSON object; {@code {}} (what agents without one stored before) reads as none.
 */
public record LlmFallback(String provider, String modelName) {

    static final java.util.List<String> PROVIDERS = java.util.List.of("openai", "azure");

    static @Nullable LlmFallback of(Map<String, Object> stored) {
        return stored.get("provider") instanceof String p && stored.get("model_name") instanceof String m
                ? new LlmFallback(p, m) : null;
    }

    /** Checks a request's object: {@code {}} clears, else exactly provider and model_name. */
    static @Nullable Map<String, Object> check(@Nullable Map<String, @Nullable Object> sent,
            dev.switchboard.web.RequestErrors errors) {
        if (sent == null) {
            return null;
        }
        if (sent.isEmpty()) {
            return Map.of();
        }
        for (String key : sent.keySet()) {
            if (!key.equals("provider") && !key.equals("model_name")) {
                errors.add("llm_fallback." + key, "unknown field; expected provider and model_name");
            }
        }
        Object provider = sent.get("provider");
        Object model = sent.get("model_name");
        if (!(provider instanceof String p) || !PROVIDERS.contains(p)) {
            errors.add("llm_fallback.provider", "is required; one of " + PROVIDERS);
        }
        if (!(model instanceof String m) || m.isBlank() || m.length() > AgentFields.MAX_MODEL) {
            errors.add("llm_fallback.model_name", "is required: a model name of at most " + AgentFields.MAX_MODEL
                    + " characters");
        }
        return provider instanceof String p && model instanceof String m ? Map.of("provider", p, "model_name",
                m.strip()) : Map.of();
    }
}
