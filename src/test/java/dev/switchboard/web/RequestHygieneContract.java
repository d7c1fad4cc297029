package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What no request body may carry, whatever its endpoint (one check, web.RequestBodyChecks): control characters,
 * bidirectional overrides and unpaired surrogates in text, free-structure fields over their cap; and the body and
 * header limits of the HTTP edge. Run on each database.
 */
public interface RequestHygieneContract {

    ApiClient api();

    String newUser();

    @Test
    default void controlCharactersBidiOverridesAndLoneSurrogatesAre422NamingTheField() {
        String key = newUser();
        for (String label : new String[] {"a\\u0000b", "bell\\u0007", "line\\nbreak", "tab\\there", "del\\u007f",
                "c1\\u0085", "\\u202Eevil", "iso\\u2066late", "lone\\ud800", "\\udc00lone"}) {
            Response r = api().post("/v1/account_connections/create", key,
                    "{\"type\": \"account_connection_sandbox\", \"label\": \"" + label + "\"}");
            assertThat(r.status()).as(label + ": " + r).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("parameter").asString()).as(label).isEqualTo("label");
        }
        assertThat(api().get("/v1/account_connections/list", key).json().get("items")).isEmpty();
    }

    @Test
    default void multiLineTextKeepsItsLineBreaksAndTabsAndNothingElse() {
        String key = newUser();
        Response ok = api().post("/v1/account_connections/create", key, "{\"type\": \"account_connection_sandbox\","
                + " \"label\": \"Front desk ☎ 😀\", \"description\": \"first line\\r\\n\\tsecond\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("description").asString()).isEqualTo("first line\r\n\tsecond");
        assertThat(ok.json().get("label").asString()).isEqualTo("Front desk ☎ 😀");

        Response prompt = api().post("/v1/prompts/create", key, "{\"content\": \"You help.\\nBe brief.\\u0000\"}");
        assertThat(prompt.status()).as(prompt.toString()).isEqualTo(422);
        assertThat(prompt.json().get("errors").get(0).get("parameter").asString()).isEqualTo("content");
        assertThat(api().post("/v1/prompts/create", key, "{\"content\": \"You help.\\nBe brief.\"}").status())
                .isEqualTo(200);
    }

    @Test
    default void textInsideFreeStructureAndListsIsCheckedWithItsPath() {
        String key = newUser();
        Response r = api().post("/v1/account_connections/create", key, "{\"type\": \"account_connection_sandbox\","
                + " \"config\": {\"greeting\": {\"text\": \"hi\\u001b[31m\"}}, \"steering_pool\": [\"ok\", \"\\u202E\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        JsonNode errors = r.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.findValuesAsString("parameter")).containsExactlyInAnyOrder("config.greeting.text",
                "steering_pool[1]");
    }

    @Test
    default void aFreeStructureFieldOverItsCapIs422NamingIt() {
        String key = newUser();
        String big = "x".repeat(17 * 1024);
        Response r = api().post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_sandbox", "config", Map.of("blob", big)));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("config");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("at most 16384");
        Response fits = api().post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_sandbox", "config", Map.of("blob", "x".repeat(15 * 1024))));
        assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
    }

    @Test
    default void aBodyTakenAsATreeIsCheckedTheSameWay() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response bought = api().post("/v1/numbers/buy", key,
                Map.of("area_code", "415", "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        String number = bought.json().get("number").asString().replace("+", "%2B");
        Response label = api().post("/v1/numbers/update?phone_number=" + number, key, "{\"label\": \"\\u202Eevil\"}");
        assertThat(label.status()).as(label.toString()).isEqualTo(422);
        assertThat(label.json().get("errors").get(0).get("parameter").asString()).isEqualTo("label");
        Response context = api().post("/v1/numbers/update?phone_number=" + number, key,
                Map.of("example_context", Map.of("notes", "x".repeat(17 * 1024))));
        assertThat(context.status()).as(context.toString()).isEqualTo(422);
        assertThat(context.json().get("errors").get(0).get("parameter").asString()).isEqualTo("example_context");
        Response fine = api().post("/v1/numbers/update?phone_number=" + number, key,
                Map.of("description", "two\nlines", "example_context", Map.of("customer", "Ada")));
        assertThat(fine.status()).as(fine.toString()).isEqualTo(200);
    }

    @Test
    default void aBodyOverTheLimitIs413() {
        String key = newUser();
        Response r = api().post("/v1/account_connections/create", key,
                "{\"type\": \"account_connection_sandbox\", \"label\": \"" + "x".repeat(1024 * 1024) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:payload-too-large");
    }

    @Test
    default void aPreflightIsAProblemNeverA500() {
        Response r = api().send(api().builder("/v1/numbers/available")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET"), null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:cors-not-allowed");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    default void apiAnswersAreNotStoredOrSniffed() {
        String key = newUser();
        for (Response r : new Response[] {api().get("/v1/account_connections/list", key),
                api().get("/v1/account_connections/list", null)}) {
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }
}
