package dev.switchboard.agents;

import static dev.switchboard.agents.Checks.blankToNull;

import dev.switchboard.agents.Checks.Reference;
import dev.switchboard.connections.AccountConnectionView;
import dev.switchboard.web.RequestErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An agent request checked field by field (every problem named at once), merged over the stored agent or the
 * defaults, and an agent turned into its view. Pure functions: no database, so unit tests cover them directly.
 */
final class AgentFields {

    static final int MAX_NAME = 200;
    static final int MAX_INITIAL_MESSAGE = 4000;
    static final int MAX_MODEL = 200;
    static final int MAX_KEYWORD = 100;

    private AgentFields() {}

    /** A request whose every field passed its check; references parsed but not yet looked up. */
    record Checked(AgentRequest request, @Nullable Reference prompt, @Nullable Reference voice,
            @Nullable Reference webhook, @Nullable Reference openaiAccountConnection, @Nullable List<UUID> actionIds,
            List<Integer> actionPositions, @Nullable Map<String, Object> llmFallback,
            @Nullable Map<String, String> deepgramKeywords, @Nullable Map<String, Object> transcriber) {}

    static Checked check(AgentRequest r, boolean creating, RequestErrors errors) {
        if (r.name() != null && !r.name().isEmpty()) {
            // optional, as in the platform's SDK (AgentParams.name); "" clears it on update
            Checks.required("name", r.name(), MAX_NAME, errors);
        }
        Checks.language("language", r.language(), errors);
        Checks.maxLength("initial_message", r.initialMessage(), MAX_INITIAL_MESSAGE, errors);
        Checks.oneOf("interrupt_sensitivity", r.interruptSensitivity(), Vocabulary.INTERRUPT_SENSITIVITIES, errors);
        if (r.contextEndpoint() != null && !r.contextEndpoint().isEmpty()) {
            Checks.httpUrl("context_endpoint", r.contextEndpoint(), errors);
        }
        Checks.oneOf("endpointing_sensitivity", r.endpointingSensitivity(), Vocabulary.ENDPOINTING_SENSITIVITIES,
                errors);
        Checks.oneOf("ivr_navigation_mode", r.ivrNavigationMode(), Vocabulary.IVR_NAVIGATION_MODES, errors);
        Checks.range("conversation_speed", r.conversationSpeed(), Vocabulary.CONVERSATION_SPEED_MIN,
                Vocabulary.CONVERSATION_SPEED_MAX, errors);
        Checks.range("initial_message_delay", r.initialMessageDelay(), 0, Vocabulary.INITIAL_MESSAGE_DELAY_MAX_MS,
                errors);
        Checks.maxLength("openai_model_name_override", r.openaiModelNameOverride(), MAX_MODEL, errors);
        Checks.range("idle_time_seconds", r.idleTimeSeconds(), Vocabulary.IDLE_TIME_SECONDS_MIN,
                Vocabulary.IDLE_TIME_SECONDS_MAX, errors);
        Checks.range("llm_temperature", r.llmTemperature(), Vocabulary.LLM_TEMPERATURE_MIN,
                Vocabulary.LLM_TEMPERATURE_MAX, errors);
        Checks.oneOf("provider", r.provider(), Vocabulary.LLM_PROVIDERS, errors);
        if (r.model() != null) {
            Checks.required("model", r.model(), MAX_MODEL, errors);
        }
        Checks.labelAndDescription(r.label(), r.description(), errors);
        Checks.range("call_duration_sec", r.callDurationSec(), Vocabulary.CALL_DURATION_SEC_MIN,
                Vocabulary.CALL_DURATION_SEC_MAX, errors);
        Checks.range("max_idle_check_count", r.maxIdleCheckCount(), 0, Vocabulary.MAX_IDLE_CHECK_COUNT_MAX, errors);

        Reference prompt = Checks.reference("prompt", "a prompt", r.prompt(), errors);
        Reference voice = Checks.reference("voice", "a voice", r.voice(), errors);
        Reference webhook = Checks.reference("webhook", "a webhook", r.webhook(), errors);
        Reference openai = Checks.reference("openai_account_connection", "an account_connection_openai connection",
                r.openaiAccountConnection(), errors);
        List<UUID> actionIds = null;
        List<Integer> positions = new ArrayList<>();
        if (r.actions() != null) {
            actionIds = new ArrayList<>();
            if (r.actions().size() > Vocabulary.MAX_ACTIONS) {
                errors.add("actions", "must hold at most " + Vocabulary.MAX_ACTIONS + " actions");
            }
            var seen = new HashSet<UUID>();
            for (int i = 0; i < r.actions().size(); i++) {
                String field = "actions[" + i + "]";
                String value = r.actions().get(i);
                if (value == null || value.isEmpty()) {
                    errors.add(field, "must be the id (a UUID) of an action of yours");
                    continue;
                }
                Reference ref = Checks.reference(field, "an action", value, errors);
                if (ref == null || ref.id() == null) {
                    continue;
                }
                if (!seen.add(ref.id())) {
                    errors.add(field, "repeats action " + ref.id());
                } else {
                    actionIds.add(ref.id());
                    positions.add(i);
                }
            }
        }
        return new Checked(r, prompt, voice, webhook, openai, actionIds, positions,
                LlmFallback.check(r.llmFallback(), errors), deepgramKeywords(r.deepgramKeywords(), errors),
                Checks.object("transcriber", r.transcriber(), errors));
    }

    /**
     * Deepgram keyword boosting: keyword to intensifier. The seed writes intensifiers as strings ({@code "10"});
     * a JSON number is accepted too and kept as its string form. Negative intensifiers suppress a word.
     */
    private static @Nullable Map<String, String> deepgramKeywords(@Nullable Map<String, @Nullable Object> sent,
            RequestErrors errors) {
        if (sent == null) {
            return null;
        }
        if (sent.size() > Vocabulary.MAX_DEEPGRAM_KEYWORDS) {
            errors.add("deepgram_keywords", "must hold at most " + Vocabulary.MAX_DEEPGRAM_KEYWORDS + " keywords");
        }
        var kept = new LinkedHashMap<String, String>();
        sent.forEach((keyword, value) -> {
            String field = "deepgram_keywords." + keyword;
            if (keyword.isBlank() || keyword.length() > MAX_KEYWORD) {
                errors.add(field, "keywords must be 1 to " + MAX_KEYWORD + " characters");
                return;
            }
            String text = value instanceof String s ? s.trim() : value instanceof Number n ? n.toString() : null;
            BigDecimal boost = null;
            if (text != null) {
                try {
                    boost = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    boost = null;
                }
            }
            double max = Vocabulary.DEEPGRAM_BOOST_MAX;
            if (boost == null || boost.abs().compareTo(BigDecimal.valueOf(max)) > 0) {
                errors.add(field, "must be an intensifier: a number between -" + max + " and " + max
                        + ", as a string such as \"10\"");
            } else {
                kept.put(keyword, text);
            }
        });
        return kept;
    }

    /** The agent the checked request describes: sent fields over the current agent, or over the defaults. */
    static Agent merge(Checked c, @Nullable Agent current, UUID id, UUID userId, Instant now) {
        AgentRequest r = c.request();
        return new Agent(id, userId,
                r.name() != null ? blankToNull(r.name().strip()) : current == null ? null : current.name(),
                ref(c.prompt(), current == null ? null : current.promptId()),
                pick(r.language(), current == null ? Vocabulary.DEFAULT_LANGUAGE : current.language()),
                c.actionIds() != null ? c.actionIds() : current == null ? List.of() : current.actionIds(),
                ref(c.voice(), current == null ? null : current.voiceId()),
                text(r.initialMessage(), current == null ? null : current.initialMessage()),
                ref(c.webhook(), current == null ? null : current.webhookId()),
                pick(r.interruptSensitivity(),
                        current == null ? Vocabulary.DEFAULT_INTERRUPT_SENSITIVITY : current.interruptSensitivity()),
                text(r.contextEndpoint(), current == null ? null : current.contextEndpoint()),
                pick(r.noiseSuppression(), current != null && current.noiseSuppression()),
                pick(r.endpointingSensitivity(),
                        current == null ? Vocabulary.DEFAULT_ENDPOINTING_SENSITIVITY : current.endpointingSensitivity()),
                pick(r.ivrNavigationMode(),
                        current == null ? Vocabulary.DEFAULT_IVR_NAVIGATION_MODE : current.ivrNavigationMode()),
                pick(r.conversationSpeed(),
                        current == null ? Vocabulary.DEFAULT_CONVERSATION_SPEED : current.conversationSpeed()),
                pick(r.initialMessageDelay(),
                        current == null ? Vocabulary.DEFAULT_INITIAL_MESSAGE_DELAY : current.initialMessageDelay()),
                text(r.openaiModelNameOverride(), current == null ? null : current.openaiModelNameOverride()),
                pick(r.askIfHumanPresentOnIdle(), current != null && current.askIfHumanPresentOnIdle()),
                ref(c.openaiAccountConnection(), current == null ? null : current.openaiAccountConnectionId()),
                pick(r.runDoNotCallDetection(), current != null && current.runDoNotCallDetection()),
                pick(c.llmFallback(), current == null ? Map.of() : current.llmFallback()),
                pick(c.deepgramKeywords(), current == null ? Map.of() : current.deepgramKeywords()),
                pick(r.idleTimeSeconds(),
                        current == null ? Vocabulary.DEFAULT_IDLE_TIME_SECONDS : current.idleTimeSeconds()),
                pick(r.llmTemperature(), current == null ? Vocabulary.DEFAULT_LLM_TEMPERATURE : current.llmTemperature()),
                pick(r.enableRecording(), current != null && current.enableRecording()),
                pick(r.provider(), current == null ? Vocabulary.DEFAULT_PROVIDER : current.provider()),
                r.model() != null ? r.model().strip() : current == null ? Vocabulary.DEFAULT_MODEL : current.model(),
                text(r.label(), current == null ? null : current.label()),
                text(r.description(), current == null ? null : current.description()),
                pick(c.transcriber(), current == null ? Map.of() : current.transcriber()),
                pick(r.callDurationSec(),
                        current == null ? Vocabulary.DEFAULT_CALL_DURATION_SEC : current.callDurationSec()),
                pick(r.maxIdleCheckCount(),
                        current == null ? Vocabulary.DEFAULT_MAX_IDLE_CHECK_COUNT : current.maxIdleCheckCount()),
                current == null ? now : current.createdAt(), now);
    }

    static AgentView view(Agent a, @Nullable PromptView prompt, List<ActionView> actions, @Nullable VoiceView voice,
            @Nullable WebhookView webhook, @Nullable AccountConnectionView openai) {
        return new AgentView(a.id(), a.userId(), a.name(), prompt, a.language(), actions, voice, a.initialMessage(),
                webhook, a.interruptSensitivity(), a.contextEndpoint(), a.noiseSuppression(),
                a.endpointingSensitivity(), a.ivrNavigationMode(), a.conversationSpeed(), a.initialMessageDelay(),
                a.openaiModelNameOverride(), a.askIfHumanPresentOnIdle(), openai, a.runDoNotCallDetection(),
                LlmFallback.of(a.llmFallback()), a.deepgramKeywords(), a.idleTimeSeconds(), a.llmTemperature(),
                a.enableRecording(), a.provider(), a.model(), a.label(), a.description(), a.transcriber(), a.callDurationSec(),
                a.maxIdleCheckCount(), a.createdAt(), a.updatedAt());
    }

    private static <T> T pick(@Nullable T sent, T current) {
        return sent != null ? sent : current;
    }

    /** Optional text: omitted keeps, blank clears. */
    private static @Nullable String text(@Nullable String sent, @Nullable String current) {
        return sent != null ? blankToNull(sent) : current;
    }

    /** A reference: omitted keeps, {@code ""} clears, an id replaces. */
    private static @Nullable UUID ref(@Nullable Reference sent, @Nullable UUID current) {
        return sent != null ? sent.id() : current;
    }
}
