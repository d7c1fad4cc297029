package dev.switchboard.agents;

import static dev.switchboard.agents.AgentFixtures.create;
import static dev.switchboard.agents.AgentFixtures.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The calls of what agents reference — prompt templates, prompts, actions, voices, webhooks: create, get, list,
 * update, every field validated; run on each database.
 */
public interface AgentResourcesContract {

    ApiClient api();

    String newUser();

    /** Each resource's path with a valid body, a partial update and the field it changes. */
    private static List<Object[]> resources() {
        return List.of(
                new Object[] {"/v1/prompt_templates", AgentFixtures.templateBody(), "label", "Renamed template"},
                new Object[] {"/v1/prompts", Map.of("content", "Be brief."), "content", "Be briefer."},
                new Object[] {"/v1/actions", AgentFixtures.transferBody(), "label", "Escalate"},
                new Object[] {"/v1/voices", AgentFixtures.voiceBody(), "voice_id", "EXAVITQu4vr4xnSDxMaL"},
                new Object[] {"/v1/webhooks", AgentFixtures.webhookBody(), "url", "https://hooks.example.org/calls"});
    }

    @Test
    default void everyResourceIsCreatedReadListedInPagesAndUpdated() {
        String key = newUser();
        for (Object[] resource : resources()) {
            String path = (String) resource[0];
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) resource[1];
            String field = (String) resource[2];
            String value = (String) resource[3];

            Response created = api().post(path + "/create", key, body);
            assertThat(created.status()).as(path + " " + created).isEqualTo(200);
            String id = created.json().get("id").asString();
            assertThat(created.json().get("user_id").asString()).isNotBlank();
            // a webhook's create answer alone carries its signing secret (shown once)
            JsonNode shown = created.json().deepCopy();
            ((tools.jackson.databind.node.ObjectNode) shown).remove("signing_secret");
            assertThat(api().get(path + "?id=" + id, key).json()).as(path).isEqualTo(shown);
            for (int i = 0; i < 2; i++) {
                create(api(), key, path, body);
            }
            JsonNode page = api().get(path + "/list?page=2&size=2", key).json();
            assertThat(page.get("total").asLong()).as(path).isEqualTo(3);
            assertThat(page.get("items")).as(path).hasSize(1);
            assertThat(page.get("has_more").asBoolean()).isFalse();
            assertThat(api().get(path + "/list?size=2", key).json().get("items").get(0).get("id").asString())
                    .as(path + " lists oldest first").isEqualTo(id);

            Response updated = api().post(path + "/update?id=" + id, key, Map.of(field, value));
            assertThat(updated.status()).as(path + " " + updated).isEqualTo(200);
            assertThat(updated.json().get(field).asString()).isEqualTo(value);
            assertThat(updated.json().get("created_at")).isEqualTo(created.json().get("created_at"));
            assertThat(api().get(path + "?id=" + id, key).json()).isEqualTo(updated.json());
            for (String kept : List.of("label", "description")) {
                if (created.json().has(kept) && !field.equals(kept)) {
                    assertThat(updated.json().get(kept)).as(path + " keeps " + kept).isEqualTo(created.json().get(kept));
                }
            }
            assertThat(parameters(api().post(path + "/create", key, Map.of("colour", "blue")))).contains("colour");
            assertThat(parameters(api().get(path + "?id=nope", key))).containsExactly("id");
            assertThat(parameters(api().get(path + "/list?page=0", key))).containsExactly("page");
            assertThat(api().get(path + "?id=" + UUID.randomUUID(), key).status()).isEqualTo(404);
        }
    }

    @Test
    default void promptsShowTheirTemplateAndCanDropIt() {
        String key = newUser();
        String template = create(api(), key, "/v1/prompt_templates", AgentFixtures.templateBody());
        Response created = api().post("/v1/prompts/create", key, AgentFixtures.promptBody(template));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode prompt = created.json();
        assertThat(prompt.propertyNames()).containsExactly("id", "user_id", "label", "description", "content",
                "context_endpoint", "collect_fields", "type", "tags", "prompt_template", "created_at", "updated_at");
        assertThat(prompt.get("prompt_template").propertyNames()).containsExactly("id", "user_id",
                "required_context_keys", "label", "created_at", "updated_at");
        assertThat(prompt.get("prompt_template").get("id").asString()).isEqualTo(template);
        assertThat(prompt.get("type").asString()).isEqualTo("prompt");

        JsonNode dropped = api().post("/v1/prompts/update?id=" + prompt.get("id").asString(), key,
                Map.of("prompt_template", "", "context_endpoint", "")).json();
        assertThat(dropped.get("prompt_template").isNull()).isTrue();
        assertThat(dropped.get("context_endpoint").isNull()).isTrue();
        assertThat(dropped.get("content")).isEqualTo(prompt.get("content"));
    }

    @Test
    default void namesEveryBadPromptAndTemplateField() {
        String key = newUser();
        Map<String, Object> bad = new HashMap<>();
        bad.put("content", "x".repeat(100_001));
        bad.put("context_endpoint", "ftp://example.com/context");
        bad.put("type", "poem");
        bad.put("collect_fields", List.of("email", "email", ""));
        bad.put("tags", List.of("x".repeat(51)));
        bad.put("prompt_template", UUID.randomUUID().toString());
        bad.put("label", "x".repeat(201));
        assertThat(parameters(api().post("/v1/prompts/create", key, bad))).containsExactlyInAnyOrder("content",
                "context_endpoint", "type", "collect_fields[1].name", "collect_fields[2]", "tags[0]", "prompt_template",
                "label");
        // content is optional, as in the platform SDK's PromptParams
        assertThat(api().post("/v1/prompts/create", key, Map.of("label", "no content")).status()).isEqualTo(200);
        assertThat(parameters(api().post("/v1/prompt_templates/create", key,
                Map.of("required_context_keys", List.of("ok_key", "has space", "ok_key")))))
                .containsExactlyInAnyOrder("required_context_keys[1]", "required_context_keys[2]");
    }

    @Test
    default void checksEachActionTypesConfigAndTrigger() {
        String key = newUser();
        for (Map<String, Object> good : List.<Map<String, Object>>of(
                Map.of("type", "action_end_conversation"),
                Map.of("type", "action_dtmf", "action_trigger", Map.of("type", "action_trigger_function_call")),
                Map.of("type", "action_set_hold"),
                Map.of("type", "action_add_to_conference", "config", Map.of("phone_number", "+442071838750")),
                Map.of("type", "action_external", "config", Map.of("name", "lookup_order", "description",
                        "Looks an order up", "url", "https://api.example.com/orders", "input_schema",
                        Map.of("type", "object"), "speak_on_send", true)),
                Map.of("type", "action_transfer_call", "config", Map.of("phone_number", "+14155550123"),
                        "action_trigger", Map.of("type", "action_trigger_phrase_based", "config", Map.of(
                                "phrase_triggers", List.of(Map.of("phrase", "speak to a human", "conditions",
                                        List.of("phrase_condition_type_contains")))))))) {
            Response r = api().post("/v1/actions/create", key, good);
            assertThat(r.status()).as(good + " " + r).isEqualTo(200);
            assertThat(r.json().propertyNames()).containsExactly("id", "user_id", "type", "label", "description",
                    "config", "action_trigger", "created_at", "updated_at");
        }
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("type", "action_teleport"))))
                .containsExactly("type");
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("label", "typeless"))))
                .containsExactly("type");
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("type", "action_transfer_call",
                "config", Map.of("phone_number", "4155550123", "timeout", 5))))).containsExactlyInAnyOrder(
                "config.phone_number", "config.timeout");
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("type", "action_transfer_call"))))
                .containsExactly("config.phone_number");
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("type", "action_external",
                "config", Map.of("name", "has space", "url", "https:/nohost"))))).containsExactlyInAnyOrder(
                "config.name", "config.url", "config.description");
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("type", "action_dtmf",
                "action_trigger", Map.of("type", "action_trigger_phrase_based", "config", Map.of("phrase_triggers",
                        List.of(Map.of("phrase", " ", "conditions", List.of("phrase_condition_type_equals")))))))))
                .containsExactlyInAnyOrder("action_trigger.config.phrase_triggers[0].phrase",
                        "action_trigger.config.phrase_triggers[0].conditions");
        assertThat(parameters(api().post("/v1/actions/create", key, Map.of("type", "action_dtmf",
                "action_trigger", Map.of("when", "now"))))).containsExactlyInAnyOrder("action_trigger.when",
                "action_trigger.type");

        String id = create(api(), key, "/v1/actions", AgentFixtures.transferBody());
        assertThat(parameters(api().post("/v1/actions/update?id=" + id, key, Map.of("type", "action_dtmf"))))
                .containsExactly("type");
        assertThat(parameters(api().post("/v1/actions/update?id=" + id, key, Map.of("config", Map.of()))))
                .containsExactly("config.phone_number");
    }

    @Test
    default void namesEveryBadVoiceAndWebhookField() {
        String key = newUser();
        assertThat(parameters(api().post("/v1/voices/create", key, Map.of("type", "voice_hal9000", "voice_id", " "))))
                .containsExactlyInAnyOrder("type");
        assertThat(parameters(api().post("/v1/voices/create", key, Map.of("type", "voice_eleven_labs", "voice_id",
                " ", "provider", "eleven_labs")))).containsExactlyInAnyOrder("voice_id", "provider");
        assertThat(parameters(api().post("/v1/voices/create", key, Map.of("label", "x"))))
                .containsExactlyInAnyOrder("type");
        assertThat(parameters(api().post("/v1/voices/create", key, Map.of("type", "voice_eleven_labs", "voice_id",
                "v", "api_key", "secret-key")))).containsExactlyInAnyOrder("api_key");

        assertThat(parameters(api().post("/v1/webhooks/create", key, Map.of("subscriptions",
                List.of("event_message", "event_party", "event_message"), "url", "example.com/hook",
                "method", "DELETE")))).containsExactlyInAnyOrder("subscriptions[1]", "subscriptions[2]", "url",
                "method");
        assertThat(parameters(api().post("/v1/webhooks/create", key, Map.of("label", "x"))))
                .containsExactlyInAnyOrder("subscriptions", "url");
        assertThat(parameters(api().post("/v1/webhooks/create", key, Map.of("subscriptions", List.of(),
                "url", "javascript:alert(1)")))).containsExactlyInAnyOrder("subscriptions", "url");
        String id = create(api(), key, "/v1/webhooks", AgentFixtures.webhookBody());
        JsonNode get = api().post("/v1/webhooks/update?id=" + id, key, Map.of("method", "GET")).json();
        assertThat(get.get("method").asString()).isEqualTo("GET");
        assertThat(get.get("url").asString()).isEqualTo("https://example.com/webhook");
        assertThat(get.propertyNames()).containsExactly("id", "user_id", "subscriptions", "url", "method", "label",
                "description", "created_at", "updated_at", "number_events");
    }
}
