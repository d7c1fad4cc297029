package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds agents and what they reference through the API, as a client would; and reads problems back. */
final class AgentFixtures {

    static final String OPENAI_KEY = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz";

    private AgentFixtures() {}

    /** The ids of one full set of resources an agent can reference, all of one user. */
    record Refs(String template, String prompt, String voice, String webhook, String transfer, String hangUp,
            String openai) {}

    static String create(ApiClient api, String key, String path, Map<String, ?> body) {
        Response r = api.post(path + "/create", key, body);
        assertThat(r.status()).as(path + " " + r).isEqualTo(200);
        return r.json().get("id").asString();
    }

    static Map<String, Object> templateBody() {
        return Map.of("label", "Support template", "required_context_keys", List.of("customer_name", "order_id"));
    }

    static Map<String, Object> promptBody(String templateId) {
        return Map.of("label", "Support", "description", "Answers support calls", "content",
                "You are a helpful assistant for {customer_name}.", "context_endpoint", "https://api.example.com/context",
                "collect_fields", List.of("email", "order_id"), "type", "prompt", "tags", List.of("support", "en"),
                "prompt_template", templateId);
    }

    static Map<String, Object> voiceBody() {
        return Map.of("label", "Rachel", "type", "voice_eleven_labs", "voice_id", "21m00Tcm4TlvDq8ikWAM",
                "stability", 0.5);
    }

    static Map<String, Object> webhookBody() {
        return Map.of("subscriptions", List.of("event_message", "event_action"), "url", "https://example.com/webhook",
                "method", "POST", "label", "My Webhook", "description", "Call events");
    }

    static Map<String, Object> transferBody() {
        return Map.of("type", "action_transfer_call", "label", "Transfer Call", "description", "To a human",
                "config", Map.of("phone_number", "+14155550123"));
    }

    static Map<String, Object> openAiBody() {
        return Map.of("type", "account_connection_openai", "label", "OpenAI", "credentials",
                Map.of("openai_api_key", OPENAI_KEY));
    }

    static Refs refs(ApiClient api, String key) {
        String template = create(api, key, "/v1/prompt_templates", templateBody());
        return new Refs(template, create(api, key, "/v1/prompts", promptBody(template)),
                create(api, key, "/v1/voices", voiceBody()), create(api, key, "/v1/webhooks", webhookBody()),
                create(api, key, "/v1/actions", transferBody()),
                create(api, key, "/v1/actions", Map.of("type", "action_end_conversation", "label", "Hang up")),
                api.newConnection(key, openAiBody()));
    }

    /** An agent with every seed field set, referencing {@code refs}. */
    static Map<String, Object> fullAgent(Refs refs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "My Agent");
        body.put("prompt", refs.prompt());
        body.put("language", "en");
        body.put("actions", List.of(refs.transfer(), refs.hangUp()));
        body.put("voice", refs.voice());
        body.put("initial_message", "Hello, how can I help you today?");
        body.put("webhook", refs.webhook());
        body.put("interrupt_sensitivity", "low");
        body.put("context_endpoint", "https://api.example.com/context");
        body.put("noise_suppression", true);
        body.put("endpointing_sensitivity", "auto");
        body.put("ivr_navigation_mode", "default");
        body.put("conversation_speed", 0.5);
        body.put("initial_message_delay", 1000);
        body.put("openai_model_name_override", "gpt-4");
        body.put("ask_if_human_present_on_idle", true);
        body.put("openai_account_connection", refs.openai());
        body.put("run_do_not_call_detection", true);
        body.put("llm_fallback", Map.of("provider", "azure", "model_name", "gpt-4o"));
        body.put("deepgram_keywords", Map.of("kansas", "10"));
        body.put("idle_time_seconds", 10);
        body.put("llm_temperature", 0.5);
        body.put("enable_recording", true);
        body.put("provider", "openai");
        body.put("model", "gpt-4");
        body.put("label", "My Agent");
        body.put("description", "This is a description");
        body.put("transcriber", Map.of("provider", "deepgram"));
        body.put("call_duration_sec", 10);
        body.put("max_idle_check_count", 10);
        return body;
    }

    /** The parameters a 422 validation problem names. */
    static List<String> parameters(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:validation-failed");
        return r.json().get("errors").valueStream().map(e -> e.get("parameter").asString()).toList();
    }

    /** The problem body without its request id, which differs between any two requests. */
    static JsonNode withoutRequestId(Response r) {
        ObjectNode copy = ((ObjectNode) r.json()).deepCopy();
        assertThat(copy.has("request_id")).isTrue();
        copy.remove("request_id");
        return copy;
    }

    /** Two answers are the same but for their request ids: status, content type and body. */
    static void assertSameAnswer(Response a, Response b) {
        assertThat(a.status()).as(a.toString()).isEqualTo(b.status());
        assertThat(a.header("Content-Type")).isEqualTo(b.header("Content-Type"));
        assertThat(withoutRequestId(a)).isEqualTo(withoutRequestId(b));
    }
}
