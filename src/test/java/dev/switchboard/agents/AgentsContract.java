package dev.switchboard.agents;

import static dev.switchboard.agents.AgentFixtures.OPENAI_KEY;
import static dev.switchboard.agents.AgentFixtures.create;
import static dev.switchboard.agents.AgentFixtures.fullAgent;
import static dev.switchboard.agents.AgentFixtures.parameters;
import static dev.switchboard.agents.AgentFixtures.refs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.agents.AgentFixtures.Refs;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agent calls: create, get, list, update, in the seed's shape, every field validated; run on each database. */
public interface AgentsContract {

    /** The keys of the seed's inbound_agent, in its order, then the additive timestamps. */
    String[] AGENT_KEYS = {"id", "user_id", "name", "prompt", "language", "actions", "voice", "initial_message",
            "webhook", "interrupt_sensitivity", "context_endpoint", "noise_suppression", "endpointing_sensitivity",
            "ivr_navigation_mode", "conversation_speed", "initial_message_delay", "openai_model_name_override",
            "ask_if_human_present_on_idle", "openai_account_connection", "run_do_not_call_detection", "llm_fallback",
            "deepgram_keywords", "idle_time_seconds", "llm_temperature", "enable_recording", "provider", "model",
            "label", "description", "transcriber", "call_duration_sec", "max_idle_check_count", "created_at",
            "updated_at"};

    ApiClient api();

    String newUser();

    JdbcClient jdbc();

    @Test
    default void createsAnAgentWithDefaultsAndReadsItBackInTheSeedsShape() {
        String key = newUser();
        Response created = api().post("/v1/agents/create", key, Map.of("name", "Front desk"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode agent = created.json();
        assertThat(agent.propertyNames()).containsExactly(AGENT_KEYS);
        assertThat(agent.get("name").asString()).isEqualTo("Front desk");
        assertThat(agent.get("language").asString()).isEqualTo("en");
        assertThat(agent.get("interrupt_sensitivity").asString()).isEqualTo("low");
        assertThat(agent.get("endpointing_sensitivity").asString()).isEqualTo("auto");
        assertThat(agent.get("ivr_navigation_mode").asString()).isEqualTo("default");
        assertThat(agent.get("conversation_speed").asDouble()).isEqualTo(1.0);
        assertThat(agent.get("provider").asString()).isEqualTo("openai");
        assertThat(agent.get("actions").isArray()).isTrue();
        assertThat(agent.get("actions")).isEmpty();
        for (String reference : List.of("prompt", "voice", "webhook", "openai_account_connection")) {
            assertThat(agent.get(reference).isNull()).as(reference).isTrue();
        }
        Response fetched = api().get("/v1/agents?id=" + agent.get("id").asString(), key);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(agent);
    }

    @Test
    default void showsEverySeedFieldWithItsReferencesExpandedInTheSeedsTypes() {
        String key = newUser();
        Refs refs = refs(api(), key);
        Response created = api().post("/v1/agents/create", key, fullAgent(refs));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode agent = created.json();
        assertThat(agent.propertyNames()).containsExactly(AGENT_KEYS);
        assertThat(api().get("/v1/agents?id=" + agent.get("id").asString(), key).json()).isEqualTo(agent);

        JsonNode seed = JsonMapper.builder().build().readTree(getClass().getResourceAsStream(
                "/seed/available-numbers-example.json")).get("items").get(0).get("inbound_agent");
        for (String field : seed.propertyNames()) {
            assertThat(agent.has(field)).as(field).isTrue();
            assertThat(agent.get(field).getNodeType()).as(field).isEqualTo(seed.get(field).getNodeType());
        }
        for (String field : List.of("prompt", "webhook", "openai_account_connection")) {
            List<String> seedKeys = seed.get(field).propertyNames().stream().toList();
            assertThat(agent.get(field).propertyNames().stream().limit(seedKeys.size()).toList()).as(field)
                    .isEqualTo(seedKeys);
        }
        assertThat(agent.get("prompt").get("prompt_template").propertyNames().stream().limit(4).toList())
                .isEqualTo(seed.get("prompt").get("prompt_template").propertyNames().stream().toList());
        assertThat(agent.get("actions").get(0).propertyNames().stream().limit(7).toList())
                .isEqualTo(seed.get("actions").get(0).propertyNames().stream().toList());

        assertThat(agent.get("prompt").get("id").asString()).isEqualTo(refs.prompt());
        assertThat(agent.get("prompt").get("prompt_template").get("id").asString()).isEqualTo(refs.template());
        assertThat(agent.get("prompt").get("prompt_template").get("required_context_keys").get(0).asString())
                .isEqualTo("customer_name");
        assertThat(agent.get("actions").valueStream().map(a -> a.get("id").asString()))
                .containsExactly(refs.transfer(), refs.hangUp());
        assertThat(agent.get("actions").get(0).get("config").get("phone_number").asString()).isEqualTo("+14155550123");
        assertThat(agent.get("voice").get("voice_id").asString()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
        assertThat(agent.get("webhook").get("subscriptions").get(1).asString()).isEqualTo("event_action");
        JsonNode openai = agent.get("openai_account_connection");
        assertThat(openai.get("type").asString()).isEqualTo("account_connection_openai");
        assertThat(openai.get("credentials").get("openai_api_key").asString()).isEqualTo("****wxyz");
        assertThat(created.body()).doesNotContain(OPENAI_KEY);
        assertThat(agent.get("deepgram_keywords").get("kansas").asString()).isEqualTo("10");
        assertThat(agent.get("conversation_speed").asDouble()).isEqualTo(0.5);
        assertThat(agent.get("initial_message_delay").asInt()).isEqualTo(1000);
        assertThat(agent.get("llm_fallback").get("provider").asString()).isEqualTo("azure");
        assertThat(agent.get("llm_fallback").get("model_name").asString()).isEqualTo("gpt-4o");
    }

    @Test
    default void updatesOnlyWhatIsSentClearsReferencesAndReordersActions() {
        String key = newUser();
        Refs refs = refs(api(), key);
        JsonNode before = api().post("/v1/agents/create", key, fullAgent(refs)).json();
        String id = before.get("id").asString();

        Map<String, Object> change = new HashMap<>();
        change.put("name", "Renamed");
        change.put("actions", List.of(refs.hangUp(), refs.transfer()));
        change.put("webhook", "");
        change.put("initial_message", "");
        change.put("interrupt_sensitivity", "high");
        change.put("deepgram_keywords", Map.of("topeka", 2));
        Response updated = api().post("/v1/agents/update?id=" + id, key, change);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode after = updated.json();
        assertThat(after.get("name").asString()).isEqualTo("Renamed");
        assertThat(after.get("actions").valueStream().map(a -> a.get("id").asString()))
                .containsExactly(refs.hangUp(), refs.transfer());
        assertThat(after.get("webhook").isNull()).isTrue();
        assertThat(after.get("initial_message").isNull()).isTrue();
        assertThat(after.get("interrupt_sensitivity").asString()).isEqualTo("high");
        assertThat(after.get("deepgram_keywords").get("topeka").asString()).isEqualTo("2");
        assertThat(after.get("prompt")).isEqualTo(before.get("prompt"));
        assertThat(after.get("voice")).isEqualTo(before.get("voice"));
        assertThat(after.get("llm_temperature")).isEqualTo(before.get("llm_temperature"));
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(after.get("updated_at").asString()).isNotEqualTo(before.get("updated_at").asString());
        assertThat(api().get("/v1/agents?id=" + id, key).json()).isEqualTo(after);

        JsonNode cleared = api().post("/v1/agents/update?id=" + id, key, Map.of("actions", List.of(), "prompt", "",
                "voice", "", "openai_account_connection", "")).json();
        assertThat(cleared.get("actions")).isEmpty();
        for (String reference : List.of("prompt", "voice", "webhook", "openai_account_connection")) {
            assertThat(cleared.get(reference).isNull()).as(reference).isTrue();
        }
    }

    @Test
    default void namesEveryBadFieldInOneProblem() {
        String key = newUser();
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", " ");
        bad.put("language", "klingon");
        bad.put("interrupt_sensitivity", "medium");
        bad.put("endpointing_sensitivity", "eager");
        bad.put("ivr_navigation_mode", "aggressive");
        bad.put("conversation_speed", 3.5);
        bad.put("initial_message_delay", -1);
        bad.put("idle_time_seconds", 0);
        bad.put("llm_temperature", 2.5);
        bad.put("call_duration_sec", 5);
        bad.put("max_idle_check_count", 99);
        bad.put("context_endpoint", "/relative/path");
        bad.put("provider", "eliza");
        bad.put("model", "");
        bad.put("label", "x".repeat(201));
        bad.put("description", "x".repeat(2001));
        bad.put("initial_message", "x".repeat(4001));
        bad.put("deepgram_keywords", Map.of("kansas", "loud"));
        bad.put("prompt", "not-a-uuid");
        bad.put("actions", List.of("also-not-a-uuid"));
        Response r = api().post("/v1/agents/create", key, bad);
        assertThat(parameters(r)).containsExactlyInAnyOrder("name", "language", "interrupt_sensitivity",
                "endpointing_sensitivity", "ivr_navigation_mode", "conversation_speed", "initial_message_delay",
                "idle_time_seconds", "llm_temperature", "call_duration_sec", "max_idle_check_count",
                "context_endpoint", "provider", "model", "label", "description", "initial_message",
                "deepgram_keywords.kansas", "prompt", "actions[0]");
        // the SDK's HTTPValidationError: one {loc, msg, type} per error
        assertThat(r.json().get("detail")).hasSize(r.json().get("errors").size());
        assertThat(api().get("/v1/agents/list", key).json().get("total").asLong()).isZero();
    }

    @Test
    default void acceptsTheEdgesOfEveryRange() {
        String key = newUser();
        Map<String, Object> low = new HashMap<>(Map.of("name", "low", "conversation_speed", 0.5,
                "initial_message_delay", 0, "idle_time_seconds", 1, "llm_temperature", 0.0, "call_duration_sec", 10,
                "max_idle_check_count", 0, "language", "es-419"));
        assertThat(api().post("/v1/agents/create", key, low).status()).isEqualTo(200);
        Map<String, Object> high = new HashMap<>(Map.of("name", "high", "conversation_speed", 2.0,
                "initial_message_delay", 10000, "idle_time_seconds", 600, "llm_temperature", 2.0,
                "call_duration_sec", 14400, "max_idle_check_count", 20, "language", "pt-BR"));
        assertThat(api().post("/v1/agents/create", key, high).status()).isEqualTo(200);
        assertThat(parameters(api().post("/v1/agents/create", key, Map.of("name", "x", "language", "en-us"))))
                .containsExactly("language");
    }

    @Test
    default void refusesUnknownFieldsWrongTypesAndABlankName() {
        String key = newUser();
        assertThat(parameters(api().post("/v1/agents/create", key, Map.of("name", "a", "colour", "blue"))))
                .containsExactly("colour");
        assertThat(parameters(api().post("/v1/agents/create", key, Map.of("name", "a", "idle_time_seconds", 1.5))))
                .containsExactly("idle_time_seconds");
        assertThat(parameters(api().post("/v1/agents/create", key, Map.of("name", "a", "noise_suppression", "yes"))))
                .containsExactly("noise_suppression");
        // a name is optional, as in the platform SDK's AgentParams; a blank one is refused
        assertThat(api().post("/v1/agents/create", key, Map.of("label", "nameless")).json().get("name").isNull())
                .isTrue();
        assertThat(parameters(api().post("/v1/agents/create", key, Map.of("name", "  ")))).containsExactly("name");
        assertThat(parameters(api().post("/v1/agents/create", key, "{\"name\": ")))
                .containsExactly("body");
        assertThat(parameters(api().post("/v1/agents/create", key, Map.of("name", "a", "actions", "x"))))
                .containsExactly("actions");
    }

    @Test
    default void refusesReferencesThatAreNotTheCallersOwnNamingTheField() {
        String key = newUser();
        Refs refs = refs(api(), key);
        String missing = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(fullAgent(refs));
        body.put("prompt", missing);
        body.put("voice", missing);
        body.put("webhook", missing);
        body.put("openai_account_connection", missing);
        body.put("actions", List.of(refs.transfer(), missing, refs.transfer()));
        assertThat(parameters(api().post("/v1/agents/create", key, body))).containsExactlyInAnyOrder("prompt",
                "voice", "webhook", "openai_account_connection", "actions[1]", "actions[2]");

        String twilio = api().newConnection(key, Map.of("type", "account_connection_sandbox"));
        Response wrongType = api().post("/v1/agents/create", key, Map.of("name", "a",
                "openai_account_connection", twilio));
        assertThat(parameters(wrongType)).containsExactly("openai_account_connection");
        assertThat(wrongType.json().get("errors").get(0).get("message").asString())
                .contains("account_connection_openai");
        // a reference is not a resource of the path: ids in the body that match nothing are a 422, never a 404
        assertThat(api().get("/v1/agents/list", key).json().get("total").asLong()).isZero();
    }

    @Test
    default void listsAgentsInStablePagesWithTheirReferencesById() {
        String key = newUser();
        Refs refs = refs(api(), key);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = new HashMap<>(fullAgent(refs));
            body.put("name", "agent " + i);
            create(api(), key, "/v1/agents", body);
        }
        JsonNode first = api().get("/v1/agents/list?page=1&size=2", key).json();
        JsonNode last = api().get("/v1/agents/list?page=3&size=2", key).json();
        assertThat(first.get("items").valueStream().map(a -> a.get("name").asString()))
                .containsExactly("agent 0", "agent 1");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(last.get("items").valueStream().map(a -> a.get("name").asString())).containsExactly("agent 4");
        assertThat(last.get("has_more").asBoolean()).isFalse();
        // as the platform's list (the SDK's NormalizedAgent): what an agent references, by id
        assertThat(first.get("items").get(1).get("prompt").asString()).isEqualTo(refs.prompt());
        assertThat(first.get("items").get(1).get("voice").asString()).isEqualTo(refs.voice());
        assertThat(first.get("items").get(1).get("actions").valueStream().map(JsonNode::asString))
                .containsExactly(refs.transfer(), refs.hangUp());
        assertThat(parameters(api().get("/v1/agents/list?size=101", key))).containsExactly("size");
        assertThat(parameters(api().get("/v1/agents?id=12", key))).containsExactly("id");
    }

    @Test
    default void openAiConnectionsAreCreatedMaskedRotatedAndNeverUsedForNumbers() {
        String key = newUser();
        Response created = api().post("/v1/account_connections/create", key, AgentFixtures.openAiBody());
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.body()).doesNotContain(OPENAI_KEY);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("credentials").get("openai_api_key").asString()).isEqualTo("****wxyz");

        String rotated = "sk-AnotherKeyAnotherKeyAnother9876";
        Response update = api().post("/v1/account_connections/update?id=" + id, key,
                Map.of("credentials", Map.of("openai_api_key", rotated)));
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        assertThat(update.json().get("credentials").get("openai_api_key").asString()).isEqualTo("****9876");
        assertThat(api().get("/v1/account_connections/list", key).body()).doesNotContain(rotated, OPENAI_KEY);

        assertThat(parameters(api().post("/v1/account_connections/create", key, Map.of("type",
                "account_connection_openai", "credentials", Map.of("openai_api_key", "not-a-key")))))
                .containsExactly("credentials.openai_api_key");
        assertThat(parameters(api().post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_openai")))).containsExactly("credentials.openai_api_key");

        for (String provider : List.of("twilio", "sandbox")) {
            Response search = api().get("/v1/numbers/available", Map.of("telephony_provider", provider,
                    "telephony_account_connection", id), key);
            assertThat(parameters(search)).as(search.toString()).containsExactly("telephony_account_connection");
            assertThat(search.body()).doesNotContain(rotated);
        }
    }
}
