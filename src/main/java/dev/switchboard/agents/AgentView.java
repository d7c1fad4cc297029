package dev.switchboard.agents;

import dev.switchboard.connections.AccountConnectionView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An agent as every response shows it: the seed's {@code inbound_agent}, every key in the seed's order with the
 * seed's types, and what it references expanded (prompt with its template, actions in the agent's order, voice,
 * webhook, OpenAI account connection with credentials masked). {@code created_at} and {@code updated_at} are
 * additive, after the seed's keys. References the agent does not have are {@code null} ({@code actions}: empty).
 */
public record AgentView(
        UUID id,
        UUID userId,
        @Nullable String name,
        @Nullable PromptView prompt,
        String language,
        List<ActionView> actions,
        @Nullable VoiceView voice,
        @Nullable String initialMessage,
        @Nullable WebhookView webhook,
        String interruptSensitivity,
        @Nullable String contextEndpoint,
        boolean noiseSuppression,
        String endpointingSensitivity,
        String ivrNavigationMode,
        double conversationSpeed,
        int initialMessageDelay,
        @Nullable String openaiModelNameOverride,
        boolean askIfHumanPresentOnIdle,
        @Nullable AccountConnectionView openaiAccountConnection,
        boolean runDoNotCallDetection,
        @Nullable LlmFallback llmFallback,
        Map<String, String> deepgramKeywords,
        int idleTimeSeconds,
        double llmTemperature,
        boolean enableRecording,
        String provider,
        String model,
        @Nullable String label,
        @Nullable String description,
        Map<String, Object> transcriber,
        int callDurationSec,
        int maxIdleCheckCount,
        Instant createdAt,
        Instant updatedAt) {

    public AgentView {
        actions = List.copyOf(actions);
    }
}
