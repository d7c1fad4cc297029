package dev.switchboard.agents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An agent as stored: its settings, and what it references by id (actions in the agent's order). */
record Agent(
        UUID id,
        UUID userId,
        @Nullable String name,
        @Nullable UUID promptId,
        String language,
        List<UUID> actionIds,
        @Nullable UUID voiceId,
        @Nullable String initialMessage,
        @Nullable UUID webhookId,
        String interruptSensitivity,
        @Nullable String contextEndpoint,
        boolean noiseSuppression,
        String endpointingSensitivity,
        String ivrNavigationMode,
        double conversationSpeed,
        int initialMessageDelay,
        @Nullable String openaiModelNameOverride,
        boolean askIfHumanPresentOnIdle,
        @Nullable UUID openaiAccountConnectionId,
        boolean runDoNotCallDetection,
        Map<String, Object> llmFallback,
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

    Agent {
        actionIds = List.copyOf(actionIds);
    }

    Agent withActionIds(List<UUID> ids) {
        return new Agent(id, userId, name, promptId, language, ids, voiceId, initialMessage, webhookId,
                interruptSensitivity, contextEndpoint, noiseSuppression, endpointingSensitivity, ivrNavigationMode,
                conversationSpeed, initialMessageDelay, openaiModelNameOverride, askIfHumanPresentOnIdle,
                openaiAccountConnectionId, runDoNotCallDetection, llmFallback, deepgramKeywords, idleTimeSeconds,
                llmTemperature, enableRecording, provider, model, label, description, transcriber, callDurationSec,
                maxIdleCheckCount, createdAt, updatedAt);
    }
}
