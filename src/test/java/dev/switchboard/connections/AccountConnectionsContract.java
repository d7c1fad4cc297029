package dev.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The account-connection calls of API.md; run on each database. */
public interface AccountConnectionsContract {

    String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    String TWILIO_TOKEN = "f00dbabe0123456789abcdef5ec12e7a";
    String TELNYX_KEY = "KEY0185F1D1E0C9D17B5E9D1A2B3C4D5E6F_AbCdEfGhIjKlMnOpQrStUv";

    ApiClient api();

    String newUser();

    JdbcClient jdbc();

    static Map<String, Object> twilio(String token) {
        return Map.of("type", "account_connection_twilio", "label", "Main Twilio", "description", "production",
                "credentials", Map.of("twilio_account_sid", TWILIO_SID, "twilio_auth_token", token),
                "steering_pool", List.of("+14155550100"), "account_supports_any_caller_id", true,
                "config", Map.of("region", "us1"));
    }

    @Test
    default void createsEachTypeAndMasksEverySecret() {
        String key = newUser();
        List<Map<String, Object>> bodies = List.of(
                twilio(TWILIO_TOKEN),
                Map.of("type", "account_connection_telnyx", "credentials", Map.of("telnyx_api_key", TELNYX_KEY)),
                Map.of("type", "account_connection_vonage",
                        "credentials", Map.of("vonage_api_key", "a1b2c3d4", "vonage_api_secret", "S3cr3tS3cr3tS3cr")),
                Map.of("type", "account_connection_sandbox"));
        for (Map<String, Object> body : bodies) {
            Response r = api().post("/v1/account_connections/create", key, body);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("type").asString()).isEqualTo(body.get("type"));
            assertThat(r.body()).doesNotContain(TWILIO_TOKEN, TELNYX_KEY, "S3cr3tS3cr3tS3cr", "a1b2c3d4");
        }
        JsonNode list = api().get("/v1/account_connections/list", key).json();
        assertThat(list.get("items")).hasSize(4);
        JsonNode twilio = list.get("items").get(0);
        assertThat(twilio.get("credentials").get("twilio_account_sid").asString()).isEqualTo(TWILIO_SID);
        assertThat(twilio.get("credentials").get("twilio_auth_token").asString()).isEqualTo("****2e7a");
        assertThat(list.get("items").get(1).get("credentials").get("telnyx_api_key").asString()).isEqualTo("****StUv");
        assertThat(list.get("items").get(2).get("credentials").get("vonage_api_secret").asString()).isEqualTo("****S3cr");
        assertThat(list.get("items").get(3).get("credentials").isEmpty()).isTrue();
    }

    @Test
    default void returnsEveryFieldOfTheConnection() {
        String key = newUser();
        JsonNode created = api().post("/v1/account_connections/create", key, twilio(TWILIO_TOKEN)).json();
        JsonNode fetched = api().get("/v1/account_connections?id=" + created.get("id").asString(), key).json();
        assertThat(fetched).isEqualTo(created);
        assertThat(fetched.propertyNames()).containsExactly("id", "user_id", "label", "description", "type",
                "credentials", "steering_pool", "account_supports_any_caller_id", "config", "created_at", "updated_at");
        assertThat(fetched.get("label").asString()).isEqualTo("Main Twilio");
        assertThat(fetched.get("steering_pool").get(0).asString()).isEqualTo("+14155550100");
        assertThat(fetched.get("account_supports_any_caller_id").asBoolean()).isTrue();
        assertThat(fetched.get("config").get("region").asString()).isEqualTo("us1");
    }

    @Test
    default void storesCredentialsEncrypted() {
        String key = newUser();
        String id = api().newConnection(key, twilio(TWILIO_TOKEN));
        byte[] stored = jdbc().sql("SELECT credentials_ciphertext FROM account_connections WHERE id = :id")
                .param("id", UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TWILIO_TOKEN, TWILIO_SID);
        assertThat(stored.length).isGreaterThan(TWILIO_TOKEN.length() + 28);
    }

    @Test
    default void namesEveryBadCredentialField() {
        String key = newUser();
        Response r = api().post("/v1/account_connections/create", key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", "AC12", "auth_token", "x")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(parameters(r)).containsExactlyInAnyOrder("credentials.twilio_account_sid",
                "credentials.auth_token", "credentials.twilio_auth_token");
        assertThat(r.body()).doesNotContain("\"x\"");
    }

    @Test
    default void rejectsUnknownTypeMissingTypeAndUnknownFields() {
        String key = newUser();
        assertThat(parameters(api().post("/v1/account_connections/create", key, Map.of("type", "account_connection_plivo"))))
                .containsExactly("type");
        assertThat(parameters(api().post("/v1/account_connections/create", key, Map.of("label", "x"))))
                .containsExactly("type");
        assertThat(parameters(api().post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_sandbox", "colour", "blue")))).containsExactly("colour");
        assertThat(parameters(api().post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_sandbox", "credentials", Map.of("token", "t"))))).containsExactly("credentials.token");
        assertThat(parameters(api().post("/v1/account_connections/create", key,
                Map.of("type", "account_connection_sandbox", "steering_pool", List.of("4155550100")))))
                .containsExactly("steering_pool[0]");
        Response notJson = api().post("/v1/account_connections/create", key, "{\"type\": ");
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(parameters(notJson)).containsExactly("body");
        Response wrongType = api().post("/v1/account_connections/create", key, "{\"type\": \"account_connection_sandbox\", \"credentials\": \"abc\"}");
        assertThat(parameters(wrongType)).containsExactly("credentials");
    }

    @Test
    default void updatesWhatIsSentAndRotatesOneSecret() {
        String key = newUser();
        String id = api().newConnection(key, twilio(TWILIO_TOKEN));
        String newToken = "0123456789abcdef0123456789abNEW1";
        Response r = api().post("/v1/account_connections/update?id=" + id, key,
                Map.of("label", "Renamed", "credentials", Map.of("twilio_auth_token", newToken)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("label").asString()).isEqualTo("Renamed");
        assertThat(r.json().get("description").asString()).isEqualTo("production");
        assertThat(r.json().get("credentials").get("twilio_account_sid").asString()).isEqualTo(TWILIO_SID);
        assertThat(r.json().get("credentials").get("twilio_auth_token").asString()).isEqualTo("****NEW1");
        assertThat(r.body()).doesNotContain(newToken);
        assertThat(api().get("/v1/account_connections?id=" + id, key).json()).isEqualTo(r.json());

        Response typeChange = api().post("/v1/account_connections/update?id=" + id, key,
                Map.of("type", "account_connection_sandbox"));
        assertThat(parameters(typeChange)).containsExactly("type");
    }

    @Test
    default void anotherUsersConnectionAnswersExactlyAsAMissingOne() {
        String owner = newUser();
        String stranger = newUser();
        String id = api().newConnection(owner, twilio(TWILIO_TOKEN));
        String missing = UUID.randomUUID().toString();

        Response theirs = api().get("/v1/account_connections?id=" + id, stranger);
        Response none = api().get("/v1/account_connections?id=" + missing, stranger);
        assertThat(theirs.status()).isEqualTo(404);
        assertSameProblem(theirs, none, id, missing);

        Response update = api().post("/v1/account_connections/update?id=" + id, stranger, Map.of("label", "mine now"));
        assertThat(update.status()).isEqualTo(404);
        assertSameProblem(update, api().post("/v1/account_connections/update?id=" + missing, stranger,
                Map.of("label", "mine now")), id, missing);
        assertThat(api().get("/v1/account_connections/list", stranger).json().get("items")).isEmpty();
        assertThat(api().get("/v1/account_connections?id=" + id, owner).json().get("label").asString()).isEqualTo("Main Twilio");
    }

    @Test
    default void listsInStablePages() {
        String key = newUser();
        for (int i = 0; i < 5; i++) {
            api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "s" + i));
        }
        JsonNode first = api().get("/v1/account_connections/list?page=1&size=2", key).json();
        JsonNode third = api().get("/v1/account_connections/list?page=3&size=2", key).json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("items").get(0).get("label").asString()).isEqualTo("s0");
        assertThat(third.get("items")).hasSize(1);
        assertThat(third.get("items").get(0).get("label").asString()).isEqualTo("s4");
        assertThat(third.get("has_more").asBoolean()).isFalse();
        assertThat(parameters(api().get("/v1/account_connections/list?size=0", key))).containsExactly("size");
        assertThat(parameters(api().get("/v1/account_connections/list?page=x", key))).containsExactly("page");
        assertThat(parameters(api().get("/v1/account_connections?id=12", key))).containsExactly("id");
    }

    @Test
    default void credentialsThatNoLongerDecryptAskToBeSentAgainAndCanBe() {
        String key = newUser();
        String id = api().newConnection(key, twilio(TWILIO_TOKEN));
        // what a changed SWITCHBOARD_SECRET_KEY does to a stored row: it no longer opens
        jdbc().sql("UPDATE account_connections SET credentials_ciphertext = :junk WHERE id = :id")
                .param("junk", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29})
                .param("id", UUID.fromString(id)).update();

        Response read = api().get("/v1/account_connections?id=" + id, key);
        assertThat(read.status()).as(read.toString()).isEqualTo(422);
        assertThat(read.json().get("type").asString())
                .isEqualTo("urn:switchboard:problem:account-connection-credentials-unreadable");
        assertThat(read.json().get("detail").get(0).get("msg").asString()).contains("/v1/account_connections/update");
        Response partial = api().post("/v1/account_connections/update?id=" + id, key,
                Map.of("credentials", Map.of("twilio_auth_token", TWILIO_TOKEN)));
        assertThat(parameters(partial)).containsExactly("credentials.twilio_account_sid");
        assertThat(api().post("/v1/account_connections/update?id=" + id, key, Map.of("label", "x")).status()).isEqualTo(422);

        Response repaired = api().post("/v1/account_connections/update?id=" + id, key,
                Map.of("credentials", Map.of("twilio_account_sid", TWILIO_SID, "twilio_auth_token", TWILIO_TOKEN)));
        assertThat(repaired.status()).as(repaired.toString()).isEqualTo(200);
        assertThat(repaired.json().get("label").asString()).isEqualTo("Main Twilio");
        assertThat(api().get("/v1/account_connections?id=" + id, key).status()).isEqualTo(200);
    }

    private static List<String> parameters(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:validation-failed");
        return r.json().get("errors").valueStream().map(e -> e.get("parameter").asString()).toList();
    }

    private static void assertSameProblem(Response a, Response b, String idA, String idB) {
        assertThat(a.status()).isEqualTo(b.status());
        assertThat(a.json().get("type")).isEqualTo(b.json().get("type"));
        assertThat(a.json().get("title")).isEqualTo(b.json().get("title"));
        assertThat(a.json().get("detail").toString().replace(idA, "ID"))
                .isEqualTo(b.json().get("detail").toString().replace(idB, "ID"));
    }
}
