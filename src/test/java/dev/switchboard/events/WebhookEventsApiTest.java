package dev.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.connections.SealedSecrets;
import dev.switchboard.numbers.NumbersApi;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Event webhooks through the API, on the service as it runs by default (private targets refused): the SSRF guard at
 * create, update and delivery, {@code number_events}, the signing secret shown once, the deliveries list.
 */
class WebhookEventsApiTest extends OnEmbeddedDatabase implements NumbersApi {

    private Response create(String key, Map<String, Object> body) {
        return api().post("/v1/webhooks/create", key, body);
    }

    private static List<String> parameters(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:validation-failed");
        return r.json().get("errors").valueStream().map(e -> e.get("parameter").asString()).toList();
    }

    @Test
    void webhookUrlsAtNonPublicAddressesAreRefusedAtCreateAndUpdate() {
        String key = newUser();
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://2130706433/hook",
                "http://0177.0.0.1/hook", "http://0x7f000001/hook", "http://localhost:9000/hook", "http://10.1.2.3/hook",
                "http://192.168.0.10/hook", "http://169.254.169.254/latest/meta-data", "http://[fd12::1]/hook",
                "http://[::ffff:10.0.0.1]/hook", "http://0.0.0.0/hook")) {
            Response r = create(key, Map.of("subscriptions", List.of("event_message"), "url", url));
            assertThat(parameters(r)).as(url).containsExactly("url");
            assertThat(r.json().get("errors").get(0).get("message").asString()).as(url).contains("public addresses");
        }
        Response made = create(key, Map.of("subscriptions", List.of("event_message"), "url", "https://93.184.215.14/hook"));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        String id = made.json().get("id").asString();
        assertThat(parameters(api().post("/v1/webhooks/update?id=" + id, key, Map.of("url", "http://[::1]:8080/"))))
                .containsExactly("url");
        assertThat(api().get("/v1/webhooks?id=" + id, key).json().get("url").asString()).isEqualTo("https://93.184.215.14/hook");
    }

    @Test
    void numberEventsAreTheirOwnFieldAndChecked() {
        String key = newUser();
        assertThat(parameters(create(key, Map.of("subscriptions", List.of("event_message"), "number_events",
                List.of("number.purchased", "number.sold"), "url", "https://example.com/h")))).containsExactly("number_events[1]");
        assertThat(parameters(create(key, Map.of("subscriptions", List.of("number.purchased"), "url",
                "https://example.com/h")))).as("number events are not call events").containsExactly("subscriptions[0]");
        assertThat(parameters(create(key, Map.of("subscriptions", List.of(), "url", "https://example.com/h"))))
                .containsExactly("subscriptions");
        Response numbersOnly = create(key, Map.of("subscriptions", List.of(), "number_events",
                List.of("number.released"), "url", "https://example.com/h"));
        assertThat(numbersOnly.status()).as(numbersOnly.toString()).isEqualTo(200);
        assertThat(numbersOnly.json().get("subscriptions")).isEmpty();
        assertThat(numbersOnly.json().get("number_events").valueStream().map(JsonNode::asString)).containsExactly("number.released");
        String id = numbersOnly.json().get("id").asString();
        assertThat(parameters(api().post("/v1/webhooks/update?id=" + id, key, Map.of("number_events", List.of()))))
                .as("a webhook with no event at all").containsExactly("number_events");
        Response widened = api().post("/v1/webhooks/update?id=" + id, key, Map.of("number_events",
                List.of("number.purchased", "number.routing_failed")));
        assertThat(widened.status()).as(widened.toString()).isEqualTo(200);
        assertThat(widened.json().get("number_events").valueStream().map(JsonNode::asString))
                .containsExactly("number.purchased", "number.routing_failed");
    }

    @Test
    void theSigningSecretIsShownOnceAndRotatedOnRequest() {
        String key = newUser();
        Response made = create(key, Map.of("subscriptions", List.of("event_message"), "url", "https://example.com/h"));
        String secret = made.json().get("signing_secret").asString();
        assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
        String id = made.json().get("id").asString();
        assertThat(api().get("/v1/webhooks?id=" + id, key).json().has("signing_secret")).isFalse();
        assertThat(api().get("/v1/webhooks/list", key).body()).doesNotContain(secret).doesNotContain("signing_secret");
        Response updated = api().post("/v1/webhooks/update?id=" + id, key, Map.of("label", "x"));
        assertThat(updated.json().has("signing_secret")).isFalse();
        Response rotated = api().post("/v1/webhooks/update?id=" + id, key, Map.of("rotate_signing_secret", true));
        assertThat(rotated.json().get("signing_secret").asString()).startsWith("whsec_").isNotEqualTo(secret);
        // stored sealed: the column holds no trace of it
        byte[] stored = jdbc().sql("SELECT signing_secret_ciphertext FROM webhooks WHERE id = :id")
                .param("id", UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("whsec_");
    }

    @Test
    void deliveriesListOnlyTheCallersWebhooks() {
        String key = newUser();
        String id = create(key, Map.of("subscriptions", List.of("event_message"), "url", "https://example.com/h"))
                .json().get("id").asString();
        Response empty = api().get("/v1/webhooks/deliveries?id=" + id, key);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().get("items")).isEmpty();
        assertThat(empty.json().get("total").asLong()).isZero();
        assertThat(empty.json().get("page").asInt()).isEqualTo(1);
        assertThat(api().get("/v1/webhooks/deliveries?id=" + id, newUser()).status()).isEqualTo(404);
        assertThat(api().get("/v1/webhooks/deliveries?id=" + UUID.randomUUID(), key).status()).isEqualTo(404);
        assertThat(parameters(api().get("/v1/webhooks/deliveries?id=nope", key))).containsExactly("id");
        assertThat(parameters(api().get("/v1/webhooks/deliveries?id=" + id + "&size=500", key))).containsExactly("size");
        assertThat(api().get("/v1/webhooks/deliveries?id=" + id, null).status()).isEqualTo(401);
    }

    @Test
    void aWebhookWhoseHostNowIsPrivateFailsAtDeliveryWithTheReason() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        // As a webhook made before the guard, or whose name resolved to a public address then: stored directly.
        UUID userId = jdbc().sql("SELECT user_id FROM account_connections WHERE id = :id")
                .param("id", UUID.fromString(connection)).query(UUID.class).single();
        UUID webhookId = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc().sql("""
                        INSERT INTO webhooks (id, user_id, subscriptions, number_events, url, method,
                          signing_secret_ciphertext, created_at, updated_at)
                        VALUES (:id, :userId, '[]', '["number.linked"]', 'http://localhost:9/hook', 'POST', :secret, :now,
                          :now)""")
                .param("id", webhookId).param("userId", userId)
                .param("secret", context().getBean(SealedSecrets.class).seal("whsec_test", webhookId, userId))
                .param("now", now).update();
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();
        assertThat(link(key, body("phone_number", owned, "telephony_account_connection", connection)).status()).isEqualTo(200);

        context().getBean(WebhookDeliveries.class).run();
        JsonNode d = api().get("/v1/webhooks/deliveries?id=" + webhookId, key).json().get("items").get(0);
        assertThat(d.get("event_type").asString()).isEqualTo("number.linked");
        assertThat(d.get("status").asString()).isEqualTo("failed");
        assertThat(d.get("attempts").asInt()).isEqualTo(1);
        assertThat(d.get("last_status_code").isNull()).isTrue();
        assertThat(d.get("last_error").asString()).contains("url").contains("loopback").contains("127.0.0.1");
        assertThat(d.get("next_attempt_at").isNull()).isTrue();
    }
}
