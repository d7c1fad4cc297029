package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on the calls that buy or link: a retry gets the first answer and never buys twice; the
 * same key with another request is a 422; a retry while the first is in flight is a 409; keys are per user and
 * expire.
 */
public interface IdempotencyContract extends NumbersApi {

    private long purchasesOf(String connection, String number) {
        return jdbc().sql("SELECT COUNT(*) FROM number_purchases WHERE phone_number = :n AND account_connection_id = :c")
                .param("n", number).param("c", UUID.fromString(connection)).query(Long.class).single();
    }

    @Test
    default void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndBuysOnce() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("phone_number", number, "telephony_account_connection", connection);

        Response first = buy(key, request, idem);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Response retry = buy(key, request, idem);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));

        // the same body written differently (key order, spacing) is the same request
        Response reordered = api().send(api().builder("/v1/numbers/buy").header("Content-Type", "application/json")
                .header("Idempotency-Key", idem).POST(HttpRequest.BodyPublishers.ofString(
                        "{ \"telephony_account_connection\": \"" + connection + "\",\n \"phone_number\": \"" + number + "\" }")), key);
        assertThat(reordered.status()).isEqualTo(200);
        assertThat(reordered.body()).isEqualTo(first.body());

        assertThat(listedNumbers(key)).containsExactly(number);
        assertThat(purchasesOf(connection, number)).isEqualTo(1);
    }

    @Test
    default void aBuyByAreaCodeRetriedReturnsTheSameNumber() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("area_code", "702", "telephony_account_connection", connection);
        Response first = buy(key, request, idem);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Response retry = buy(key, request, idem);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(listedNumbers(key)).hasSize(1);
    }

    @Test
    default void aRetriedBuyWithAnInlineAgentCreatesOneAgent() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("area_code", "702", "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge"));
        Response first = buy(key, request, idem);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Response retry = buy(key, request, idem);
        assertThat(retry.body()).isEqualTo(first.body());
        Response agents = api().get("/v1/agents/list", key);
        assertThat(agents.json().get("total").asLong()).as(agents.toString()).isEqualTo(1);
        assertThat(agents.json().get("items").get(0).get("id").asString())
                .isEqualTo(first.json().get("inbound_agent").get("id").asString());
    }

    @Test
    default void theSameKeyWithAnotherRequestIsA422() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        List<String> numbers = onSale(key, connection, "{\"area_code\":\"415\"}");
        String idem = UUID.randomUUID().toString();
        assertThat(buy(key, body("phone_number", numbers.get(0), "telephony_account_connection", connection), idem)
                .status()).isEqualTo(200);
        Response other = buy(key, body("phone_number", numbers.get(1), "telephony_account_connection", connection), idem);
        assertProblem(other, 422, "validation-failed", "Idempotency-Key");
        // another call with the key is another request too
        Response onLink = api().send(api().builder("/v1/numbers/link").header("Content-Type", "application/json")
                .header("Idempotency-Key", idem).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        body("phone_number", numbers.get(0), "telephony_account_connection", connection)))), key);
        assertProblem(onLink, 422, "validation-failed", "Idempotency-Key");
        assertThat(listedNumbers(key)).containsExactly(numbers.get(0));
    }

    @Test
    default void aRefusalIsReplayedToo() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("phone_number", owned, "telephony_account_connection", connection);
        Response first = buy(key, request, idem);
        assertProblem(first, 409, "number-not-on-sale", null);
        Response retry = buy(key, request, idem);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(purchasesOf(connection, owned)).isEqualTo(1);
    }

    @Test
    default void aRetryWhileTheFirstIsInFlightIsAConflictAndAnAbandonedOneIsTakenOver() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("phone_number", number, "telephony_account_connection", connection);
        Response first = buy(key, request, idem);
        assertThat(first.status()).isEqualTo(200);
        // put the key back in the state it had while the first request was being served
        jdbc().sql("UPDATE idempotency_keys SET response_status = NULL, response_body = NULL, locked_until = :until "
                        + "WHERE idempotency_key = :k")
                .param("until", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1)).param("k", idem).update();
        Response whileInFlight = buy(key, request, idem);
        assertProblem(whileInFlight, 409, "idempotency-key-in-flight", "Idempotency-Key");

        // the request holding it died: once its lease is over, a retry runs, finds the purchase made, buys nothing
        jdbc().sql("UPDATE idempotency_keys SET locked_until = :until WHERE idempotency_key = :k")
                .param("until", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).param("k", idem).update();
        Response takenOver = buy(key, request, idem);
        assertThat(takenOver.status()).as(takenOver.toString()).isEqualTo(200);
        assertThat(takenOver.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(purchasesOf(connection, number)).isEqualTo(1);
        assertThat(listedNumbers(key)).containsExactly(number);
    }

    @Test
    default void keysArePerUserAndExpire() {
        String alice = newUser();
        String bob = newUser();
        String aliceConnection = api().newSandboxConnection(alice);
        String bobConnection = api().newSandboxConnection(bob);
        String idem = "shared-key-" + UUID.randomUUID();
        Response a = buy(alice, body("area_code", "415", "telephony_account_connection", aliceConnection), idem);
        Response b = buy(bob, body("area_code", "415", "telephony_account_connection", bobConnection), idem);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        assertThat(b.status()).as(b.toString()).isEqualTo(200);
        assertThat(b.header("Idempotent-Replayed")).isNull();
        assertThat(b.json().get("number")).isNotEqualTo(a.json().get("number"));

        // a day later the key is forgotten: the same key names a new request
        jdbc().sql("UPDATE idempotency_keys SET expires_at = :past WHERE idempotency_key = :k")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)).param("k", idem).update();
        Response later = buy(alice, body("area_code", "212", "telephony_account_connection", aliceConnection), idem);
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        assertThat(later.json().get("number").asString()).startsWith("+1212");
        assertThat(listedNumbers(alice)).hasSize(2);
    }

    @Test
    default void linkHonoursTheKey() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();
        String idem = UUID.randomUUID().toString();
        HttpRequest.Builder request = api().builder("/v1/numbers/link").header("Content-Type", "application/json")
                .header("Idempotency-Key", idem).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        body("phone_number", owned, "telephony_account_connection", connection))));
        Response first = api().send(request, key);
        Response retry = api().send(request, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(link(key, body("phone_number", owned, "telephony_account_connection", connection)).status())
                .isEqualTo(409); // without the key, a second link is a second request
    }

    @Test
    default void aMalformedKeyIsNamed() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response r = buy(key, body("area_code", "415", "telephony_account_connection", connection), "x".repeat(256));
        assertProblem(r, 422, "validation-failed", "Idempotency-Key");
        assertThat(listedNumbers(key)).isEmpty();
    }
}
