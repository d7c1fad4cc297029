package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ParameterError;
import dev.switchboard.web.RequestErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each action type's config and the trigger shapes, without a database. */
class ActionConfigsTest {

    private static List<String> problems(Consumer<RequestErrors> check) {
        RequestErrors errors = new RequestErrors();
        check.accept(errors);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (InvalidRequest e) {
            return e.errors().stream().map(ParameterError::parameter).toList();
        }
    }

    @Test
    void typesWithoutSettingsRefuseAnyKey() {
        for (String type : List.of("action_end_conversation", "action_dtmf", "action_set_hold")) {
            assertThat(problems(e -> ActionConfigs.config(type, Map.of(), e))).isEmpty();
            assertThat(problems(e -> ActionConfigs.config(type, null, e))).isEmpty();
            assertThat(problems(e -> ActionConfigs.config(type, Map.of("phone_number", "+14155550123"), e)))
                    .containsExactly("config.phone_number");
        }
    }

    @Test
    void transfersAndConferencesNeedAnE164Number() {
        for (String type : List.of("action_transfer_call", "action_add_to_conference")) {
            assertThat(problems(e -> ActionConfigs.config(type, Map.of("phone_number", "+14155550123"), e))).isEmpty();
            assertThat(problems(e -> ActionConfigs.config(type, Map.of(), e))).containsExactly("config.phone_number");
            for (Object bad : List.of("14155550123", "+0123456789", "+1 415 555 0123", 14155550123L)) {
                assertThat(problems(e -> ActionConfigs.config(type, Map.of("phone_number", bad), e))).as("" + bad)
                        .containsExactly("config.phone_number");
            }
        }
    }

    @Test
    void externalActionsNeedANameADescriptionAndAnHttpUrl() {
        Map<String, Object> good = new HashMap<>(Map.of("name", "lookup_order", "description", "Looks up",
                "url", "https://api.example.com/x", "input_schema", Map.of(), "speak_on_send", false,
                "speak_on_receive", true));
        assertThat(problems(e -> ActionConfigs.config("action_external", good, e))).isEmpty();
        assertThat(problems(e -> ActionConfigs.config("action_external", Map.of("input_schema", "x",
                "speak_on_send", "yes"), e))).containsExactlyInAnyOrder("config.input_schema", "config.speak_on_send",
                "config.name", "config.description", "config.url");
        Map<String, Object> nulls = new HashMap<>(good);
        nulls.put("input_schema", null);
        assertThat(ActionConfigs.config("action_external", nulls, new RequestErrors())).doesNotContainKey("input_schema");
    }

    @Test
    void triggersAreEmptyAFunctionCallOrPhraseBased() {
        assertThat(ActionConfigs.trigger(Map.of(), new RequestErrors())).isEmpty();
        assertThat(ActionConfigs.trigger(null, new RequestErrors())).isEmpty();
        assertThat(ActionConfigs.trigger(Map.of("type", "action_trigger_function_call"), new RequestErrors()))
                .containsEntry("type", "action_trigger_function_call").containsEntry("config", Map.of());
        assertThat(problems(e -> ActionConfigs.trigger(Map.of("type", "action_trigger_function_call",
                "config", Map.of("x", 1)), e))).containsExactly("action_trigger.config");
        assertThat(problems(e -> ActionConfigs.trigger(Map.of("type", "action_trigger_phrase_based"), e)))
                .containsExactly("action_trigger.config.phrase_triggers");
        assertThat(problems(e -> ActionConfigs.trigger(Map.of("type", "action_trigger_phrase_based", "config",
                Map.of("phrase_triggers", List.of("hello"), "extra", 1)), e))).containsExactlyInAnyOrder(
                "action_trigger.config.extra", "action_trigger.config.phrase_triggers[0]");
        assertThat(problems(e -> ActionConfigs.trigger(Map.of("type", "on_hangup"), e)))
                .containsExactly("action_trigger.type");
        assertThat(problems(e -> ActionConfigs.trigger(Map.of("type", "action_trigger_phrase_based", "config", "x"), e)))
                .containsExactly("action_trigger.config");
    }
}
