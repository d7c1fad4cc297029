package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ParameterError;
import dev.switchboard.web.RequestErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Checking, merging and showing an agent, without a database. */
class AgentFieldsTest {

    private static final UUID USER = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");

    /** A request with only the given fields set (snake_case names, like the JSON). */
    private static AgentRequest request(Map<String, Object> fields) {
        var components = AgentRequest.class.getRecordComponents();
        Object[] values = new Object[components.length];
        var unused = new HashMap<>(fields);
        for (int i = 0; i < components.length; i++) {
            String snake = components[i].getName().replaceAll("([A-Z])", "_$1").toLowerCase();
            values[i] = unused.remove(snake);
        }
        assertThat(unused).as("fields that are not agent fields").isEmpty();
        try {
            return (AgentRequest) AgentRequest.class.getDeclaredConstructors()[0].newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> problems(Map<String, Object> fields, boolean creating) {
        RequestErrors errors = new RequestErrors();
        AgentFields.check(request(fields), creating, errors);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (InvalidRequest e) {
            return e.errors().stream().map(ParameterError::parameter).toList();
        }
    }

    private static Agent merged(Map<String, Object> fields, Agent current) {
        RequestErrors errors = new RequestErrors();
        var checked = AgentFields.check(request(fields), current == null, errors);
        errors.throwIfAny();
        return AgentFields.merge(checked, current, current == null ? UUID.randomUUID() : current.id(), USER,
                current == null ? T0 : T1);
    }

    @Test
    void aNewAgentNeedsOnlyANameAndTakesTheDocumentedDefaults() {
        Agent agent = merged(Map.of("name", "  Front desk "), null);
        assertThat(agent.name()).isEqualTo("Front desk");
        assertThat(agent.language()).isEqualTo("en");
        assertThat(agent.interruptSensitivity()).isEqualTo("low");
        assertThat(agent.endpointingSensitivity()).isEqualTo("auto");
        assertThat(agent.ivrNavigationMode()).isEqualTo("default");
        assertThat(agent.conversationSpeed()).isEqualTo(1.0);
        assertThat(agent.llmTemperature()).isEqualTo(1.0);
        assertThat(agent.idleTimeSeconds()).isEqualTo(15);
        assertThat(agent.callDurationSec()).isEqualTo(3600);
        assertThat(agent.maxIdleCheckCount()).isEqualTo(3);
        assertThat(agent.provider()).isEqualTo("openai");
        assertThat(agent.model()).isEqualTo("gpt-4o");
        assertThat(agent.actionIds()).isEmpty();
        assertThat(agent.promptId()).isNull();
        assertThat(agent.createdAt()).isEqualTo(T0).isEqualTo(agent.updatedAt());
        assertThat(problems(Map.of(), true)).isEmpty(); // a name is optional, as in the platform SDK's AgentParams
        assertThat(problems(Map.of(), false)).isEmpty();
    }

    @Test
    void anUpdateKeepsWhatIsOmittedAndClearsWhatIsSentEmpty() {
        UUID prompt = UUID.randomUUID();
        UUID action = UUID.randomUUID();
        Agent current = merged(Map.of("name", "a", "prompt", prompt.toString(), "actions", List.of(action.toString()),
                "initial_message", "Hi", "llm_temperature", 0.2, "noise_suppression", true), null);
        Agent updated = merged(Map.of("initial_message", "", "prompt", "", "conversation_speed", 1.5), current);
        assertThat(updated.name()).isEqualTo("a");
        assertThat(updated.promptId()).isNull();
        assertThat(updated.initialMessage()).isNull();
        assertThat(updated.actionIds()).containsExactly(action);
        assertThat(updated.llmTemperature()).isEqualTo(0.2);
        assertThat(updated.noiseSuppression()).isTrue();
        assertThat(updated.conversationSpeed()).isEqualTo(1.5);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(updated.updatedAt()).isEqualTo(T1);
        assertThat(merged(Map.of("actions", List.of()), current).actionIds()).isEmpty();
    }

    @Test
    void eachEnumTakesExactlyItsValues() {
        for (var entry : Map.of("interrupt_sensitivity", Vocabulary.INTERRUPT_SENSITIVITIES, "endpointing_sensitivity",
                Vocabulary.ENDPOINTING_SENSITIVITIES, "ivr_navigation_mode", Vocabulary.IVR_NAVIGATION_MODES,
                "provider", Vocabulary.LLM_PROVIDERS).entrySet()) {
            for (String value : entry.getValue()) {
                assertThat(problems(Map.of(entry.getKey(), value), false)).as(value).isEmpty();
            }
            for (String wrong : List.of("", "LOW", "x", entry.getValue().getFirst() + " ")) {
                assertThat(problems(Map.of(entry.getKey(), wrong), false)).as(wrong).containsExactly(entry.getKey());
            }
        }
        assertThat(Vocabulary.INTERRUPT_SENSITIVITIES).containsExactly("low", "high");
        assertThat(Vocabulary.ENDPOINTING_SENSITIVITIES).containsExactly("auto", "relaxed", "sensitive");
        assertThat(Vocabulary.IVR_NAVIGATION_MODES).containsExactly("default", "off");
    }

    @Test
    void eachRangeIsInclusiveAndNamedWhenLeft() {
        Object[][] ranges = {
                {"conversation_speed", 0.5, 2.0, 0.49, 2.01},
                {"llm_temperature", 0.0, 2.0, -0.01, 2.01},
                {"initial_message_delay", 0, 10_000, -1, 10_001},
                {"idle_time_seconds", 1, 600, 0, 601},
                {"call_duration_sec", 10, 14_400, 9, 14_401},
                {"max_idle_check_count", 0, 20, -1, 21}};
        for (Object[] range : ranges) {
            String field = (String) range[0];
            assertThat(problems(Map.of(field, range[1]), false)).as(field + " min").isEmpty();
            assertThat(problems(Map.of(field, range[2]), false)).as(field + " max").isEmpty();
            assertThat(problems(Map.of(field, range[3]), false)).as(field + " below").containsExactly(field);
            assertThat(problems(Map.of(field, range[4]), false)).as(field + " above").containsExactly(field);
        }
        assertThat(problems(Map.of("conversation_speed", Double.NaN), false)).containsExactly("conversation_speed");
    }

    @Test
    void languagesAreSupportedCodesWithAnOptionalRegion() {
        for (String ok : List.of("en", "es", "en-US", "es-419", "pt-BR", "zh")) {
            assertThat(problems(Map.of("language", ok), false)).as(ok).isEmpty();
        }
        for (String bad : List.of("english", "EN", "en-us", "en_US", "xx", "en-USA", "")) {
            assertThat(problems(Map.of("language", bad), false)).as(bad).containsExactly("language");
        }
    }

    @Test
    void deepgramKeywordsAreBoundedNumericIntensifiers() {
        RequestErrors errors = new RequestErrors();
        var checked = AgentFields.check(request(Map.of("deepgram_keywords",
                Map.of("kansas", "10", "topeka", 2, "noise", "-5.5"))), false, errors);
        errors.throwIfAny();
        assertThat(checked.deepgramKeywords()).containsEntry("kansas", "10").containsEntry("topeka", "2")
                .containsEntry("noise", "-5.5");
        Map<String, Object> bad = new HashMap<>();
        bad.put("loud", "very");
        bad.put("huge", "101");
        bad.put("nothing", null);
        bad.put(" ", "1");
        assertThat(problems(Map.of("deepgram_keywords", bad), false)).containsExactlyInAnyOrder(
                "deepgram_keywords.loud", "deepgram_keywords.huge", "deepgram_keywords.nothing", "deepgram_keywords. ");
    }

    @Test
    void referencesAreUuidsOrEmptyAndActionsAreDistinct() {
        String id = UUID.randomUUID().toString();
        assertThat(problems(Map.of("prompt", "12", "voice", id, "webhook", "", "openai_account_connection", "x"),
                false)).containsExactlyInAnyOrder("prompt", "openai_account_connection");
        List<String> actions = new ArrayList<>(Arrays.asList(id, "", id, "nope"));
        actions.add(null);
        assertThat(problems(Map.of("actions", actions), false)).containsExactly("actions[1]", "actions[2]",
                "actions[3]", "actions[4]");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(UUID.randomUUID().toString());
        }
        assertThat(problems(Map.of("actions", many), false)).containsExactly("actions");
    }

    @Test
    void textsAndUrlsAreBounded() {
        assertThat(problems(Map.of("name", "x".repeat(201), "label", "x".repeat(201), "description", "x".repeat(2001),
                "initial_message", "x".repeat(4001), "openai_model_name_override", "x".repeat(201)), false))
                .containsExactlyInAnyOrder("name", "label", "description", "initial_message",
                        "openai_model_name_override");
        for (String bad : List.of("api.example.com/context", "ftp://example.com", "https://", "http:/x", "mailto:a@b.c")) {
            assertThat(problems(Map.of("context_endpoint", bad), false)).as(bad).containsExactly("context_endpoint");
        }
        assertThat(problems(Map.of("context_endpoint", "https://api.example.com/context?x=1"), false)).isEmpty();
        assertThat(problems(Map.of("context_endpoint", ""), false)).isEmpty();
        assertThat(problems(Map.of("llm_fallback", Map.of("blob", "x".repeat(20_000))), false))
                .containsExactlyInAnyOrder("llm_fallback.blob", "llm_fallback.provider", "llm_fallback.model_name");
    }

    @Test
    void theViewCarriesEveryFieldAndItsReferences() {
        Agent agent = merged(Map.of("name", "n", "deepgram_keywords", Map.of("k", "1")), null);
        var prompt = new PromptView(UUID.randomUUID(), USER, null, null, "c", null, List.of(), "prompt", List.of(),
                null, T0, T0);
        AgentView view = AgentFields.view(agent, prompt, List.of(), null, null, null);
        assertThat(view.id()).isEqualTo(agent.id());
        assertThat(view.prompt()).isEqualTo(prompt);
        assertThat(view.deepgramKeywords()).containsEntry("k", "1");
        assertThatThrownBy(() -> view.actions().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
