package dev.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.numbers.NumbersApi;
import dev.switchboard.support.ApiClient.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Number events reach the user's webhooks: the service runs with private targets allowed (so a receiver on loopback
 * can be called), a worker every 100 ms and retries after 0.2 s, 0.4 s, 0.8 s, 1 s, 1 s, … for 6 s, and a {@link WebhookReceiver} checks what
 * arrives. Run on the embedded database and on PostgreSQL, where the claims of concurrent workers are tested too.
 */
interface WebhookDeliveryContract extends NumbersApi {

    Duration PATIENCE = Duration.ofSeconds(20);

    WebhookReceiver receiver();

    /** A webhook of the user's at the receiver's {@code path}, subscribed to every number event; returns its id. */
    default String webhook(String key, String path, int failures) {
        Response r = api().post("/v1/webhooks/create", key, Map.of("subscriptions", List.of(), "number_events",
                List.of("number.purchased", "number.linked", "number.updated", "number.released"), "url",
                receiver().url(path)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String secret = r.json().get("signing_secret").asString();
        assertThat(secret).startsWith("whsec_");
        receiver().expect(path, secret, failures);
        return r.json().get("id").asString();
    }

    default String uniquePath() {
        return "/hook-" + UUID.randomUUID();
    }

    default JsonNode deliveries(String key, String webhookId) {
        Response r = api().get("/v1/webhooks/deliveries?id=" + webhookId + "&size=100", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    default List<WebhookReceiver.Received> accepted(String path) {
        return receiver().received(path, rx -> rx.answered() == 200);
    }

    /**
     * The webhook's deliveries once {@code count} of them are delivered. The receiver records a request before it
     * answers, and the worker records the answer after it arrives, so a request seen is not yet a row delivered.
     */
    default JsonNode delivered(String key, String webhookId, int count) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> deliveries(key, webhookId)
                .get("items").valueStream().filter(d -> d.get("status").asString().equals("delivered")).count() == count);
        return deliveries(key, webhookId);
    }

    private static JsonNode without(JsonNode number, String key) {
        var copy = (tools.jackson.databind.node.ObjectNode) number.deepCopy();
        copy.remove(key);
        return copy;
    }

    @Test
    default void buyLinkUpdateAndCancelOnTheSandboxEachSendTheirSignedEvent() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String path = uniquePath();
        String webhookId = webhook(key, path, 0);

        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        Response bought = buy(key, body("phone_number", number, "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        Response linked = link(key, body("phone_number", owned, "telephony_account_connection", connection));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        Response updated = update(key, number, Map.of("label", "Support line"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        Response cancelled = cancel(key, number);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> accepted(path).size() >= 4);
        List<WebhookReceiver.Received> got = accepted(path);
        assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(got.stream().map(rx -> rx.body().get("type").asString() + " " + rx.body().get("data").get("number")
                .asString())).containsExactlyInAnyOrder("number.purchased " + number, "number.linked " + owned,
                "number.updated " + number, "number.released " + number);
        for (WebhookReceiver.Received rx : got) {
            assertThat(rx.body().get("id").asString()).isEqualTo(rx.eventId());
            assertThat(rx.body().has("created_at")).isTrue();
            assertThat(rx.body().has("detail")).as("detail is for the routing failures only").isFalse();
        }
        // data is the number as the API shows it: the purchase's event carries the purchase's answer
        JsonNode purchased = got.stream().filter(rx -> rx.body().get("type").asString().equals("number.purchased"))
                .findFirst().orElseThrow().body().get("data");
        // ... but for routing: the event is published in the transaction that records the number, before its request
        // routes it, so it shows routing as recorded then (pending); routing's own outcome follows (ok, or an event)
        assertThat(without(purchased, "routing")).isEqualTo(without(bought.json(), "routing"));
        assertThat(purchased.get("routing").get("status").asString()).isEqualTo("pending");
        JsonNode labelled = got.stream().filter(rx -> rx.body().get("type").asString().equals("number.updated"))
                .findFirst().orElseThrow().body().get("data");
        assertThat(labelled).isEqualTo(updated.json());
        JsonNode released = got.stream().filter(rx -> rx.body().get("type").asString().equals("number.released"))
                .findFirst().orElseThrow().body().get("data");
        assertThat(released).isEqualTo(cancelled.json());
        assertThat(released.get("active").asBoolean()).isFalse();

        JsonNode listed = delivered(key, webhookId, 4);
        assertThat(listed.get("total").asLong()).isEqualTo(4);
        assertThat(listed.get("items")).allSatisfy(d -> {
            assertThat(d.get("status").asString()).isEqualTo("delivered");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            assertThat(d.get("last_status_code").asInt()).isEqualTo(200);
            assertThat(d.get("last_error").isNull()).isTrue();
            assertThat(d.get("next_attempt_at").isNull()).isTrue();
            assertThat(d.get("delivered_at").isString()).isTrue();
            assertThat(d.get("webhook_id").asString()).isEqualTo(webhookId);
        });
        assertThat(listed.get("items").valueStream().map(d -> d.get("event_id").asString()))
                .containsExactlyInAnyOrderElementsOf(got.stream().map(WebhookReceiver.Received::eventId).toList());
    }

    @Test
    default void aReceiverAnswering500IsRetriedWithBackoffAndGetsEachEventOnceAccepted() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String path = uniquePath();
        String webhookId = webhook(key, path, 3);

        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        assertThat(buy(key, body("phone_number", number, "telephony_account_connection", connection)).status()).isEqualTo(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> accepted(path).size() == 1);
        List<WebhookReceiver.Received> attempts = receiver().received(path);
        assertThat(attempts).hasSize(4).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(attempts.stream().map(WebhookReceiver.Received::answered)).containsExactly(500, 500, 500, 200);
        assertThat(attempts.stream().map(WebhookReceiver.Received::eventId).distinct()).hasSize(1);
        // every attempt sends the same event; the signature is made afresh for each
        assertThat(attempts.stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
        // backoff: each wait at least the schedule's (0.2 s, 0.4 s, 0.8 s less 20 % jitter)
        for (int i = 1; i < attempts.size(); i++) {
            long waited = Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()).toMillis();
            assertThat(waited).as("wait before attempt %d", i + 1).isGreaterThanOrEqualTo((long) (200 * Math.pow(2, i - 1) * 0.8));
        }
        JsonNode listed = delivered(key, webhookId, 1);
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("attempts").asInt()).isEqualTo(4);
    }

    @Test
    default void aDeliveryNeverAcceptedFailsAtTheEndOfTheRetryWindowWithItsLastAnswer() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String path = uniquePath();
        String webhookId = webhook(key, path, 1000);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();
        assertThat(link(key, body("phone_number", owned, "telephony_account_connection", connection)).status()).isEqualTo(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveries(key, webhookId).get("items").get(0).get("status").asString().equals("failed"));
        JsonNode d = deliveries(key, webhookId).get("items").get(0);
        assertThat(d.get("attempts").asInt()).isGreaterThanOrEqualTo(4).isEqualTo(receiver().received(path).size());
        assertThat(d.get("last_status_code").asInt()).isEqualTo(500);
        assertThat(d.get("last_error").asString()).contains("500");
        assertThat(d.get("next_attempt_at").isNull()).isTrue();
        assertThat(d.get("delivered_at").isNull()).isTrue();
    }

    @Test
    default void workersOnSeveralInstancesAtOnceSendEachEventExactlyOnce() throws Exception {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String path = uniquePath();
        String first = webhook(key, path, 0);
        String secondPath = uniquePath();
        String second = webhook(key, secondPath, 0);
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        assertThat(buy(key, body("phone_number", number, "telephony_account_connection", connection)).status()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(update(key, number, Map.of("label", "label " + i)).status()).isEqualTo(200);
        }
        // four more workers, as on four more instances (each its own claimer), racing the service's own
        var workers = new ArrayList<WebhookDeliveries>();
        for (int i = 0; i < 4; i++) {
            workers.add(new WebhookDeliveries(context().getBean(DeliveryRepository.class),
                    context().getBean(WebhookSender.class), context().getBean(WebhooksProperties.class),
                    context().getBean(Clock.class)));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (int round = 0; round < 5; round++) {
                List<Future<Integer>> runs = new ArrayList<>();
                for (WebhookDeliveries w : workers) {
                    runs.add(threads.submit((Callable<Integer>) w::run));
                }
                for (Future<Integer> f : runs) {
                    f.get();
                }
            }
        }
        // once every row is delivered nothing is sent any more: then count what arrived
        delivered(key, first, 11);
        delivered(key, second, 11);
        for (String p : List.of(path, secondPath)) {
            List<String> ids = receiver().received(p).stream().map(WebhookReceiver.Received::eventId).toList();
            assertThat(ids).as("requests to %s", p).hasSize(11).doesNotHaveDuplicates();
        }
        // the same events, one delivery row each per webhook
        List<String> firstEvents = deliveries(key, first).get("items").valueStream().map(d -> d.get("event_id").asString()).toList();
        List<String> secondEvents = deliveries(key, second).get("items").valueStream().map(d -> d.get("event_id").asString()).toList();
        assertThat(firstEvents).hasSize(11).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(secondEvents);
    }

    @Test
    default void onlyTheSubscribedEventsOfTheWebhooksOwnerAreQueued() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String path = uniquePath();
        Response r = api().post("/v1/webhooks/create", key, Map.of("subscriptions", List.of("event_message"),
                "number_events", List.of("number.released"), "url", receiver().url(path)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String webhookId = r.json().get("id").asString();
        receiver().expect(path, r.json().get("signing_secret").asString(), 0);
        String callsOnly = api().post("/v1/webhooks/create", key, Map.of("subscriptions", List.of("event_message"),
                "url", receiver().url(path + "-calls"))).json().get("id").asString();
        String other = newUser();
        String othersHook = uniquePath();
        webhook(other, othersHook, 0);

        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        assertThat(buy(key, body("phone_number", number, "telephony_account_connection", connection)).status()).isEqualTo(200);
        assertThat(cancel(key, number).status()).isEqualTo(200);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> accepted(path).size() == 1);
        assertThat(accepted(path).getFirst().body().get("type").asString()).isEqualTo("number.released");
        assertThat(deliveries(key, webhookId).get("total").asLong()).isEqualTo(1);
        assertThat(deliveries(key, callsOnly).get("total").asLong()).isZero();
        assertThat(receiver().received(othersHook)).isEmpty();
        // another user's webhook: 404, as an unknown one
        assertThat(api().get("/v1/webhooks/deliveries?id=" + webhookId, other).status()).isEqualTo(404);
    }
}
