package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The agent calls: create, get, list, update, in the seed's shape; run on each database. */
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
        assertThat(agent.get("actions").isArray()).isTrue();
        assertThat(agent.get("prompt").isNull()).isTrue();
        Response fetched = api().get("/v1/agents?id=" + agent.get("id").asString(), key);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(agent);
    }
}
