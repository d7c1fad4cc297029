package dev.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's own SDK ({@code vocode-api} 0.0.48, Fern-generated Python) works against Switchboard unchanged: for
 * every method of its {@code account_connections}, {@code numbers}, {@code agents}, {@code prompts}, {@code voices},
 * {@code webhooks} and {@code actions} clients, the request it sends (method, path, query, JSON body with its field
 * names, unset fields left out as it leaves them out) is answered with a body its pydantic model parses, checked
 * against {@link SdkSchema}. A 422 must parse as its {@code HTTPValidationError} (or the SDK raises pydantic's
 * ValidationError instead of {@code UnprocessableEntityError}); any other failure it raises as {@code ApiError} with
 * the JSON body, whatever its shape (a 404 included: the SDK has no model for it).
 */
class PlatformSdkContractTest extends OnEmbeddedDatabase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SID = TwilioEmulator.sidFor("AC", "platform-sdk-contract");
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private String key;

    @BeforeEach
    void user() {
        key = newUser();
    }

    /** The answer, which must be 200 and parse as the SDK's {@code model}. */
    private JsonNode parsed(Response r, String model) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(SdkSchema.problems(model, r.json())).as("%s parsed as the SDK's %s", r.body(), model).isEmpty();
        return r.json();
    }

    /** A 422 as the SDK reads it: HTTPValidationError's detail, naming {@code loc}, and the problem kept beside it. */
    private void unprocessable(Response r, List<Object> loc) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(SdkSchema.problems("HTTPValidationError", r.json())).as(r.body()).isEmpty();
        assertThat(r.json().get("detail").valueStream().map(d -> JSON.convertValue(d.get("loc"), List.class)))
                .as(r.body()).contains(loc);
        assertThat(r.json().get("type").asString()).startsWith("urn:switchboard:problem:");
        assertThat(r.json().get("status").asInt()).isEqualTo(422);
        assertThat(r.json().get("title").isString()).isTrue();
        assertThat(r.json().get("errors").isArray()).isTrue();
        assertThat(r.json().get("request_id").isString()).isTrue();
    }

    /** A 404 as the SDK sees it: ApiError(status_code=404, body=the JSON), Switchboard's problem detail. */
    private void notFound(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(SdkSchema.problems("ApiErrorBody", r.json())).isEmpty();
        assertThat(r.json().get("detail").isString()).as("a 404's detail stays RFC 9457's sentence").isTrue();
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:not-found");
    }

    private Response post(String path, Object body) {
        return api().post(path, key, body);
    }

    private Response get(String pathAndQuery) {
        return api().get(pathAndQuery, key);
    }

    // --- fixtures, made as the SDK makes them ------------------------------------------------------------------

    private String voice() {
        return parsed(post("/v1/voices/create", Map.of("type", "voice_eleven_labs", "voice_id", "21m00Tcm4TlvDq8ikWAM")),
                "Voice").get("id").asString();
    }

    private String prompt() {
        return parsed(post("/v1/prompts/create", Map.of("content", "You are a helpful assistant.", "collect_fields",
                List.of(Map.of("field_type", "field_type_email", "label", "Email", "name", "email")))), "Prompt")
                .get("id").asString();
    }

    private String webhook() {
        return parsed(post("/v1/webhooks/create", Map.of("subscriptions", List.of("event_message",
                "event_human_detection"), "url", "https://example.com/hook", "method", "POST")), "Webhook")
                .get("id").asString();
    }

    private String action() {
        return parsed(post("/v1/actions/create", Map.of("type", "action_transfer_call", "config",
                Map.of("phone_number", "+14155550123"))), "Action").get("id").asString();
    }

    private String openAi() {
        return parsed(post("/v1/account_connections/create", Map.of("type", "account_connection_openai",
                "credentials", Map.of("openai_api_key", "sk-" + "a".repeat(40)))), "AccountConnection")
                .get("id").asString();
    }

    private String agent() {
        return parsed(post("/v1/agents/create", Map.of("prompt", prompt(), "voice", voice())), "Agent")
                .get("id").asString();
    }

    private String twilioConnection() {
        twilio().registerAccount(SID, TOKEN);
        return parsed(post("/v1/account_connections/create", Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN))), "AccountConnection")
                .get("id").asString();
    }

    /** A number in Alaska's 907, where only this test's numbers are on sale or owned. */
    private static String unique907() {
        return "+1907" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    @Test
    void theSchemaRefusesWhatTheSdkCannotParse() {
        assertThat(SdkSchema.problems("Voice", JSON.readTree("""
                {"id": "a", "user_id": "b", "provider": "eleven_labs", "voice_id": "x", "config": {}}"""))).isNotEmpty();
        assertThat(SdkSchema.problems("InternalLlmFallback", JSON.readTree("{}"))).isNotEmpty();
        assertThat(SdkSchema.problems("HTTPValidationError", JSON.readTree("""
                {"detail": "limit: must be between 1 and 100"}"""))).isNotEmpty();
        assertThat(SdkSchema.problems("NormalizedPhoneNumber", JSON.readTree("""
                {"id": "a", "user_id": "b", "number": "+1", "inbound_agent": {"id": "c"}}"""))).isNotEmpty();
    }

    @Nested
    class AccountConnections {

        @Test
        void createAccountConnectionAnswersTheTwilioOrOpenAiModel() {
            twilioConnection();
            openAi();
        }

        @Test
        void getAccountConnection() {
            parsed(get("/v1/account_connections?id=" + twilioConnection()), "AccountConnection");
            notFound(get("/v1/account_connections?id=" + UUID.randomUUID()));
        }

        @Test
        void listAccountConnectionsTakesSortColumnAndSortDesc() {
            String first = openAi();
            String second = twilioConnection();
            JsonNode page = parsed(get("/v1/account_connections/list?page=1&size=10&sort_column=created_at&sort_desc=true"),
                    "AccountConnectionPage");
            assertThat(page.get("items").valueStream().map(i -> i.get("id").asString())).containsExactly(second, first);
            unprocessable(get("/v1/account_connections/list?sort_column=colour"), List.of("sort_column"));
        }

        @Test
        void updateAccountConnectionWithTheSdksUpdateParams() {
            String id = openAi();
            JsonNode updated = parsed(post("/v1/account_connections/update?id=" + id, Map.of("type",
                    "account_connection_openai", "credentials", Map.of("openai_api_key", "sk-" + "b".repeat(40)))),
                    "AccountConnection");
            assertThat(updated.get("credentials").get("openai_api_key").asString()).isEqualTo("****bbbb");
        }

        @Test
        void addToAndRemoveFromSteeringPool() {
            String id = twilioConnection();
            Response added = post("/v1/account_connections/add_to_steering_pool?id=" + id,
                    Map.of("phone_number", "+14155550100"));
            parsed(added, "ApiErrorBody"); // the SDK types the answer Optional[Any]
            assertThat(added.json().get("steering_pool").valueStream().map(JsonNode::asString))
                    .containsExactly("+14155550100");
            Response removed = post("/v1/account_connections/remove_from_steering_pool?id=" + id,
                    Map.of("phone_number", "+14155550100"));
            assertThat(removed.json().get("steering_pool")).isEmpty();
            // the SDK's add_to_steering_pool may send no body at all
            unprocessable(api().send(api().builder("/v1/account_connections/add_to_steering_pool?id=" + id)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()), key), List.of("phone_number"));
        }

        @Test
        void connectionTypesSwitchboardDoesNotServeAre422NamingTheType() {
            for (String type : List.of("account_connection_anthropic", "account_connection_deepgram",
                    "account_connection_eleven_labs")) {
                Response r = post("/v1/account_connections/create", Map.of("type", type, "credentials", Map.of()));
                unprocessable(r, List.of("type"));
                assertThat(r.json().get("detail").get(0).get("msg").asString()).contains(type);
            }
        }
    }

    @Nested
    class Voices {

        @Test
        void createVoiceOfEveryTypeTheSdkModels() {
            for (Map<String, Object> params : List.<Map<String, Object>>of(
                    Map.of("type", "voice_eleven_labs", "voice_id", "21m00Tcm4TlvDq8ikWAM", "stability", 0.5),
                    Map.of("type", "voice_azure", "voice_name", "en-US-JennyNeural", "pitch", 0, "rate", 10),
                    Map.of("type", "voice_play_ht", "voice_id", "s3://voice", "quality", "high", "version", "2"),
                    Map.of("type", "voice_rime", "speaker", "young_male", "model_id", "mist"),
                    Map.of("type", "voice_vocode", "voice_id", "joe"))) {
                JsonNode voice = parsed(post("/v1/voices/create", params), "Voice");
                assertThat(voice.get("type").asString()).isEqualTo(params.get("type"));
            }
        }

        @Test
        void getVoice() {
            parsed(get("/v1/voices?id=" + voice()), "Voice");
            notFound(get("/v1/voices?id=" + UUID.randomUUID()));
        }

        @Test
        void listVoices() {
            voice();
            parsed(get("/v1/voices/list?page=1&size=5&sort_column=updated_at&sort_desc=false"), "VoicePage");
        }

        @Test
        void updateVoiceWithTheSdksUpdateParams() {
            JsonNode updated = parsed(post("/v1/voices/update?id=" + voice(), Map.of("type", "voice_eleven_labs",
                    "stability", 0.7)), "Voice");
            assertThat(updated.get("stability").asDouble()).isEqualTo(0.7);
            assertThat(updated.get("voice_id").asString()).isEqualTo("21m00Tcm4TlvDq8ikWAM");
        }

        @Test
        void aVoiceWithoutItsNamingSettingIsTheSdksUnprocessableEntityError() {
            unprocessable(post("/v1/voices/create", Map.of("type", "voice_eleven_labs")), List.of("voice_id"));
        }
    }

    @Nested
    class Prompts {

        @Test
        void createPromptWithCollectFieldObjects() {
            JsonNode prompt = parsed(post("/v1/prompts/create", Map.of("content", "Hello", "collect_fields",
                    List.of(Map.of("field_type", "field_type_email", "label", "Email", "name", "email",
                            "description", "where to write")))), "Prompt");
            assertThat(prompt.get("collect_fields").get(0).get("name").asString()).isEqualTo("email");
        }

        @Test
        void getPrompt() {
            parsed(get("/v1/prompts?id=" + prompt()), "Prompt");
            notFound(get("/v1/prompts?id=" + UUID.randomUUID()));
        }

        @Test
        void listPrompts() {
            prompt();
            parsed(get("/v1/prompts/list?sort_column=created_at"), "PromptPage");
        }

        @Test
        void updatePrompt() {
            parsed(post("/v1/prompts/update?id=" + prompt(), Map.of("content", "You answer briefly.")), "Prompt");
        }
    }

    @Nested
    class Webhooks {

        @Test
        void createWebhookWithEveryEventTheSdkNames() {
            parsed(post("/v1/webhooks/create", Map.of("subscriptions", List.of("event_message", "event_action",
                    "event_phone_call_connected", "event_phone_call_ended", "event_phone_call_did_not_connect",
                    "event_transcript", "event_recording", "event_human_detection"), "url", "https://example.com/h")),
                    "Webhook");
        }

        @Test
        void getWebhook() {
            parsed(get("/v1/webhooks?id=" + webhook()), "Webhook");
            notFound(get("/v1/webhooks?id=" + UUID.randomUUID()));
        }

        @Test
        void listWebhooks() {
            webhook();
            parsed(get("/v1/webhooks/list?page=1&size=20"), "WebhookPage");
        }

        @Test
        void updateWebhook() {
            parsed(post("/v1/webhooks/update?id=" + webhook(), Map.of("method", "GET")), "Webhook");
        }
    }

    @Nested
    class Actions {

        @Test
        void createActionOfEveryTypeTheSdkModels() {
            for (Map<String, Object> params : List.<Map<String, Object>>of(
                    Map.of("type", "action_transfer_call", "config", Map.of("phone_number", "+14155550123"),
                            "action_trigger", Map.of("type", "action_trigger_phrase_based", "config",
                                    Map.of("phrase_triggers", List.of(Map.of("phrase", "a human please",
                                            "conditions", List.of("phrase_condition_type_contains")))))),
                    Map.of("type", "action_add_to_conference", "config", Map.of("phone_number", "+14155550124",
                            "place_primary_on_hold", true)),
                    Map.of("type", "action_end_conversation"),
                    Map.of("type", "action_dtmf", "action_trigger", Map.of("type", "action_trigger_function_call")),
                    Map.of("type", "action_set_hold"),
                    Map.of("type", "action_external", "config", Map.of("name", "lookup", "description",
                            "Looks an order up", "url", "https://example.com/orders")))) {
                JsonNode action = parsed(post("/v1/actions/create", params), "Action");
                assertThat(action.get("type").asString()).isEqualTo(params.get("type"));
            }
        }

        @Test
        void getAction() {
            parsed(get("/v1/actions?id=" + action()), "Action");
            notFound(get("/v1/actions?id=" + UUID.randomUUID()));
        }

        @Test
        void listActions() {
            action();
            parsed(get("/v1/actions/list?size=10"), "ActionPage");
        }

        @Test
        void updateActionWithTheSdksUpdateParams() {
            parsed(post("/v1/actions/update?id=" + action(), Map.of("type", "action_transfer_call", "config",
                    Map.of("phone_number", "+14155550199"))), "Action");
        }
    }

    @Nested
    class Agents {

        @Test
        void createAgentWithoutANameAsTheSdkMay() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("prompt", prompt());
            params.put("voice", voice());
            params.put("actions", List.of(action()));
            params.put("webhook", webhook());
            params.put("openai_account_connection", openAi());
            params.put("llm_fallback", Map.of("provider", "openai", "model_name", "gpt-4o-mini"));
            params.put("deepgram_keywords", Map.of("switchboard", 5));
            params.put("language", "en");
            params.put("initial_message_delay", 0);
            JsonNode agent = parsed(post("/v1/agents/create", params), "Agent");
            assertThat(agent.get("name").isNull()).isTrue();
            assertThat(agent.get("voice").get("type").asString()).isEqualTo("voice_eleven_labs");
            assertThat(agent.get("llm_fallback").get("model_name").asString()).isEqualTo("gpt-4o-mini");
        }

        @Test
        void anAgentWithoutFallbackAnswersNullWhereTheSdkWantsNullOrAModel() {
            JsonNode agent = parsed(get("/v1/agents?id=" + agent()), "Agent");
            assertThat(agent.get("llm_fallback").isNull()).isTrue();
            unprocessable(post("/v1/agents/create", Map.of("prompt", prompt(), "voice", voice(), "llm_fallback",
                    Map.of("provider", "openai"))), List.of("llm_fallback", "model_name"));
        }

        @Test
        void getAgent() {
            parsed(get("/v1/agents?id=" + agent()), "Agent");
            notFound(get("/v1/agents?id=" + UUID.randomUUID()));
        }

        @Test
        void listAgentsNamesWhatTheyReferenceById() {
            agent();
            JsonNode page = parsed(get("/v1/agents/list?page=1&size=5&sort_desc=true"), "AgentPage");
            assertThat(page.get("items").get(0).get("voice").isString()).isTrue();
        }

        @Test
        void updateAgent() {
            JsonNode agent = parsed(post("/v1/agents/update?id=" + agent(), Map.of("name", "Front desk",
                    "interrupt_sensitivity", "high")), "Agent");
            assertThat(agent.get("name").asString()).isEqualTo("Front desk");
        }
    }

    /** Numbers on a Twilio connection, the only telephony connection the SDK 0.0.48 models. */
    @Nested
    class Numbers {

        private String connection;
        private String agent;
        private String onSale;
        private String owned;

        @BeforeEach
        void twilioAccount() {
            onSale = unique907();
            owned = unique907();
            connection = twilioConnection();
            twilio().addInventory(TwilioEmulator.InventoryNumber.of(onSale, "US", NumberType.LOCAL))
                    .addOwned(SID, TwilioEmulator.OwnedNumber.of(owned, NumberType.LOCAL));
            agent = agent();
        }

        private String enc(String number) {
            return number.replace("+", "%2B");
        }

        @Test
        void buyNumberByAreaCodeWithAnInboundAgentIdThenGetAndListReadTheAgentBack() {
            JsonNode bought = parsed(post("/v1/numbers/buy", Map.of("area_code", "907", "telephony_provider", "twilio",
                    "telephony_account_connection", connection, "inbound_agent", agent)), "PhoneNumber");
            // the first 907 number on sale: this one, or one an earlier test of this class put on sale
            String number = bought.get("number").asString();
            assertThat(number).startsWith("+1907");
            assertThat(bought.get("inbound_agent").get("id").asString()).isEqualTo(agent);

            JsonNode got = parsed(get("/v1/numbers?phone_number=" + enc(number)), "PhoneNumber");
            assertThat(got.get("inbound_agent").get("voice").get("type").asString()).isEqualTo("voice_eleven_labs");
            JsonNode page = parsed(get("/v1/numbers/list?page=1&size=100&sort_column=created_at&sort_desc=true"),
                    "PhoneNumberPage");
            assertThat(page.get("items").valueStream().filter(n -> n.get("number").asString().equals(number)))
                    .singleElement().satisfies(n -> {
                        assertThat(n.get("inbound_agent").asString()).isEqualTo(agent);
                        assertThat(n.get("telephony_account_connection").asString()).isEqualTo(connection);
                    });
        }

        @Test
        void buyAndLinkTakeAnInlineAgentParamsAndAnswerItExpanded() {
            // the SDK's AgentParams inline, its prompt and voice by id (as agents/create takes them)
            Map<String, Object> inline = Map.of("name", "Concierge", "prompt", prompt(), "voice", voice());
            JsonNode bought = parsed(post("/v1/numbers/buy", Map.of("area_code", "907", "telephony_provider", "twilio",
                    "telephony_account_connection", connection, "inbound_agent", inline)), "PhoneNumber");
            assertThat(bought.get("inbound_agent").get("name").asString()).isEqualTo("Concierge");
            assertThat(bought.get("inbound_agent").get("voice").get("type").asString()).isEqualTo("voice_eleven_labs");
            JsonNode linked = parsed(post("/v1/numbers/link", Map.of("phone_number", owned,
                    "telephony_account_connection", connection, "inbound_agent", inline)), "PhoneNumber");
            assertThat(linked.get("inbound_agent").get("id").asString())
                    .isNotEqualTo(bought.get("inbound_agent").get("id").asString());
            unprocessable(post("/v1/numbers/buy", Map.of("area_code", "907", "telephony_account_connection", connection,
                    "inbound_agent", Map.of("prompt", UUID.randomUUID().toString()))), List.of("inbound_agent", "prompt"));
        }

        @Test
        void linkNumberTakesOutboundOnlyAndTheDefaultAgent() {
            JsonNode linked = parsed(post("/v1/numbers/link", Map.of("phone_number", owned,
                    "telephony_account_connection", connection, "outbound_only", true, "inbound_agent", "default")),
                    "PhoneNumber");
            assertThat(linked.get("outbound_only").asBoolean()).isTrue();
            assertThat(linked.get("inbound_agent").isNull()).isTrue();
        }

        @Test
        void getNumber() {
            post("/v1/numbers/link", Map.of("phone_number", owned, "telephony_account_connection", connection));
            parsed(get("/v1/numbers?phone_number=" + enc(owned)), "PhoneNumber");
            notFound(get("/v1/numbers?phone_number=" + enc(unique907())));
        }

        @Test
        void listNumbers() {
            post("/v1/numbers/link", Map.of("phone_number", owned, "telephony_account_connection", connection,
                    "inbound_agent", agent));
            parsed(get("/v1/numbers/list"), "PhoneNumberPage");
        }

        @Test
        void updateNumberWithStringContextValuesAndAnAgent() {
            post("/v1/numbers/link", Map.of("phone_number", owned, "telephony_account_connection", connection));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("customer", "Ada");
            context.put("order", null);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("outbound_only", false);
            body.put("example_context", context);
            body.put("label", "Support");
            body.put("inbound_agent", agent);
            JsonNode updated = parsed(post("/v1/numbers/update?phone_number=" + enc(owned), body), "PhoneNumber");
            assertThat(updated.get("inbound_agent").get("id").asString()).isEqualTo(agent);
            unprocessable(post("/v1/numbers/update?phone_number=" + enc(owned), Map.of("example_context",
                    Map.of("count", 3))), List.of("example_context", "count"));
        }

        @Test
        void cancelNumber() {
            post("/v1/numbers/link", Map.of("phone_number", owned, "telephony_account_connection", connection));
            JsonNode cancelled = parsed(post("/v1/numbers/cancel?phone_number=" + enc(owned), Map.of()), "PhoneNumber");
            assertThat(cancelled.get("active").asBoolean()).isFalse();
            notFound(post("/v1/numbers/cancel?phone_number=" + enc(owned), Map.of()));
        }
    }
}
