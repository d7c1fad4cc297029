package dev.switchboard.agents;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/agents/create} and {@code /update}: the seed's agent keys, with what the agent references
 * given by id ({@code prompt}, {@code voice}, {@code webhook}, {@code openai_account_connection}, {@code actions}).
 * On update, an omitted (or null) field keeps its value; {@code ""} clears a reference, {@code []} the actions.
 * Checked by {@link AgentService}, which names every problem at once.
 */
public record AgentRequest(
        @Nullable String name,
        @Nullable String prompt,
        @Nullable String language,
        @Nullable List<@Nullable String> actions,
        @Nullable String voice,
        @Nullable String initialMessage,
        @Nullable String webhook,
        @Nullable String interruptSensitivity,
        @Nullable String contextEndpoint,
        @Nullable Boolean noiseSuppression,
        @Nullable String endpointingSensitivity,
        @Nullable String ivrNavigationMode,
        @Nullable Double conversationSpeed,
        @Nullable Integer initialMessageDelay,
        @Nullable String openaiModelNameOverride,
        @Nullable Boolean askIfHumanPresentOnIdle,
        @Nullable String openaiAccountConnection,
        @Nullable Boolean runDoNotCallDetection,
        @Nullable Map<String, @Nullable Object> llmFallback,
        @Nullable Map<String, @Nullable Object> deepgramKeywords,
        @Nullable Integer idleTimeSeconds,
        @Nullable Double llmTemperature,
        @Nullable Boolean enableRecording,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String label,
        @Nullable String description,
        @Nullable Map<String, @Nullable Object> transcriber,
        @Nullable Integer callDurationSec,
        @Nullable Integer maxIdleCheckCount) {}
