package dev.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.OnEmbeddedDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rows stored before Switchboard took the platform SDK's shapes (voices as {@code {provider, voice_id, config}},
 * collect fields as strings, an agent's missing LLM fallback as {@code {}}, example-context values of any JSON type)
 * read in the new shapes, without a data migration.
 */
class OldShapesStillReadTest extends OnEmbeddedDatabase {

    private String create(String key, String path, Map<String, Object> body) {
        var r = api().post(path + "/create", key, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("id").asString();
    }

    @Test
    void oldVoicesPromptsAndAgentsReadInTheSdksShapes() {
        String key = newUser();
        String voice = create(key, "/v1/voices", Map.of("type", "voice_eleven_labs", "voice_id", "v"));
        String legacy = create(key, "/v1/voices", Map.of("type", "voice_eleven_labs", "voice_id", "w"));
        String prompt = create(key, "/v1/prompts", Map.of("content", "Hi"));
        String agent = create(key, "/v1/agents", Map.of("name", "a", "prompt", prompt, "voice", voice));
        // what the old code wrote
        jdbc().sql("UPDATE voices SET provider = 'eleven_labs', voice_id = '21m00Tcm4TlvDq8ikWAM', "
                + "config = '{\"stability\":0.5}' WHERE id = :id").param("id", UUID.fromString(voice)).update();
        jdbc().sql("UPDATE voices SET provider = 'cartesia', voice_id = 'sonic-en', config = '{}' WHERE id = :id")
                .param("id", UUID.fromString(legacy)).update();
        jdbc().sql("UPDATE prompts SET collect_fields = '[\"email\",\"order_id\"]' WHERE id = :id")
                .param("id", UUID.fromString(prompt)).update();
        jdbc().sql("UPDATE agents SET llm_fallback = '{}' WHERE id = :id").param("id", UUID.fromString(agent)).update();

        JsonNode read = api().get("/v1/agents?id=" + agent, key).json();
        assertThat(SdkSchema.problems("Agent", read)).as(read.toString()).isEmpty();
        assertThat(read.get("voice").get("type").asString()).isEqualTo("voice_eleven_labs");
        assertThat(read.get("voice").get("voice_id").asString()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
        assertThat(read.get("voice").get("stability").asDouble()).isEqualTo(0.5);
        assertThat(read.get("prompt").get("collect_fields").valueStream().map(f -> f.get("name").asString()))
                .containsExactly("email", "order_id");
        assertThat(read.get("llm_fallback").isNull()).isTrue();

        JsonNode cartesia = api().get("/v1/voices?id=" + legacy, key).json();
        assertThat(cartesia.get("type").asString()).isEqualTo("voice_cartesia");
        assertThat(cartesia.get("voice_id").asString()).isEqualTo("sonic-en");
    }

    @Test
    void oldExampleContextValuesReadAsStrings() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        var r = api().post("/v1/numbers/buy", key, Map.of("area_code", "415", "telephony_account_connection",
                connection));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String number = r.json().get("number").asString();
        jdbc().sql("UPDATE phone_numbers SET example_context = '{\"customer\":\"Ada\",\"visits\":3,\"vip\":true}' "
                + "WHERE phone_number = :n").param("n", number).update();
        JsonNode read = api().get("/v1/numbers?phone_number=" + number.replace("+", "%2B"), key).json();
        assertThat(read.get("example_context").properties().stream().map(e -> e.getValue().asString()).toList())
                .isEqualTo(List.of("Ada", "3", "true"));
    }
}
