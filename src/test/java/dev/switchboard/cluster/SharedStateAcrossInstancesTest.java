package dev.switchboard.cluster;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.Instances;
import dev.switchboard.support.RedisServer;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances (two application contexts in this JVM) on one database and one Redis of the test's own behave as
 * one: an identical burst spread over both costs one provider call, a provider account's budget and an API key's
 * budget are spent together, and a breaker opening, a key revocation and a credential rotation on one reach the other
 * within a second.
 */
@ExtendWith(RedisServer.Installed.class)
class SharedStateAcrossInstancesTest {

    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    private static RedisServer redis;
    private static TwilioEmulator twilio;
    private static Instances instances;

    @BeforeAll
    static void startTwoInstances() {
        redis = RedisServer.start();
        twilio = TwilioEmulator.start();
        instances = Instances.start(2, redis.url(), RedisServer.keyPrefix(), Map.of(
                "switchboard.providers.twilio.base-url", twilio.baseUrl().toString(),
                "switchboard.providers.timeout", "4s",
                "switchboard.providers.twilio.max-calls-per-second", "5",
                // the shipped defaults (the test JVM's config/application.yaml lifts them out of the way)
                "switchboard.rate-limit.per-key-per-second", "20",
                "switchboard.rate-limit.per-key-burst", "40",
                // generous here, so that a loaded test machine does not turn a slow answer into a local fallback
                "spring.data.redis.timeout", "1s"));
    }

    @AfterAll
    static void stopAll() {
        if (instances != null) {
            instances.close();
        }
        if (twilio != null) {
            twilio.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void freshEmulator() {
        twilio.reset();
        twilio.clearFaults();
    }

    @Test
    void anIdenticalBurstSpreadOverBothInstancesCostsOneProviderCall() throws Exception {
        String sid = TwilioEmulator.sidFor("AC", "burst-" + UUID.randomUUID());
        twilio.registerAccount(sid, TOKEN).withSampleInventory();
        String key = instances.api(0).newUser("burst-" + UUID.randomUUID() + "@example.com");
        String connection = twilioConnection(key, sid);
        twilio.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofMillis(300)));

        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                ApiClient api = instances.api(i % 2);
                answers.add(clients.submit(() -> api.get("/v1/numbers/available", params(
                        "telephony_provider", "twilio", "telephony_account_connection", connection,
                        "filters", "{\"area_code\":\"415\"}"), key)));
            }
            List<String> pages = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                pages.add(r.json().get("items").toString());
            }
            assertThat(pages).as("every instance answers the same page").containsOnly(pages.getFirst());
        }
        assertThat(twilio.requestCount()).as("one call to Twilio for 20 searches over two instances").isEqualTo(1);
    }

    @Test
    void anAccountsBudgetIsSpentByBothInstancesTogether() throws Exception {
        String sid = TwilioEmulator.sidFor("AC", "budget-" + UUID.randomUUID());
        twilio.registerAccount(sid, TOKEN).withSampleInventory();
        String key = instances.api(0).newUser("budget-" + UUID.randomUUID() + "@example.com");
        String connection = twilioConnection(key, sid);

        List<Future<Response>> answers = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                ApiClient api = instances.api(i % 2);
                String areaCode = Integer.toString(201 + i); // 30 distinct searches: no coalescing
                answers.add(clients.submit(() -> api.get("/v1/numbers/available", params(
                        "telephony_provider", "twilio", "telephony_account_connection", connection,
                        "filters", "{\"area_code\":\"" + areaCode + "\"}"), key)));
            }
            int served = 0;
            int refused = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                if (r.status() == 200) {
                    served++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(503);
                    assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rate-limited");
                    assertThat(r.header("Retry-After")).isNotBlank();
                    assertThat(r.json().get("detail").asString()).contains("max-calls-per-second");
                    refused++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // One token to start with, then 5 a second: over both instances together, never 5 each.
            assertThat(twilio.requestCount()).as("calls within %.2f s", seconds)
                    .isLessThanOrEqualTo(1 + (int) Math.ceil(5 * seconds));
            assertThat(served).isEqualTo(twilio.requestCount());
            // 30 searches with a 4 s deadline each (waiting at most 2 s for a turn) cannot all be served at 5 a second
            assertThat(refused).isPositive();
        }
    }

    @Test
    void aBreakerOpenedOnOneInstanceOpensOnTheOtherWithinASecond() throws Exception {
        String sid = TwilioEmulator.sidFor("AC", "breaker-" + UUID.randomUUID());
        twilio.registerAccount(sid, TOKEN).withSampleInventory();
        String key = instances.api(0).newUser("breaker-" + UUID.randomUUID() + "@example.com");
        String connection = twilioConnection(key, sid);
        twilio.inject(TwilioEmulator.Fault.twilioError(500, 20500, "Internal Server Error"));

        Response opened = null;
        for (int i = 0; i < 10 && (opened == null || opened.status() != 503); i++) {
            opened = search(instances.api(0), key, connection, Integer.toString(301 + i));
        }
        assertThat(opened.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-circuit-open");
        int calls = twilio.requestCount();

        Response elsewhere = eventually(() -> search(instances.api(1), key, connection, "399"),
                r -> r.status() == 503 && r.json().get("type").asString().endsWith("provider-circuit-open"));
        assertThat(elsewhere.header("Retry-After")).isNotBlank();
        assertThat(twilio.requestCount()).as("the other instance did not call Twilio").isEqualTo(calls);
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinASecond() throws Exception {
        ApiClient first = instances.api(0);
        ApiClient second = instances.api(1);
        String key = first.newUser("revoke-" + UUID.randomUUID() + "@example.com");
        Response created = first.post("/v1/api_keys/create", key, Map.of());
        String spare = created.json().get("api_key").asString();
        String spareId = created.json().get("id").asString();
        assertThat(second.get("/v1/api_keys/list", spare).status()).as("proven, so cached, on the second").isEqualTo(200);

        assertThat(first.post("/v1/api_keys/revoke?id=" + spareId, key, "").status()).isEqualTo(200);

        eventually(() -> second.get("/v1/api_keys/list", spare), r -> r.status() == 401);
    }

    @Test
    void rotatedCredentialsAreUsedByTheOtherInstanceWithinASecond() throws Exception {
        String oldSid = TwilioEmulator.sidFor("AC", "rotate-old-" + UUID.randomUUID());
        String newSid = TwilioEmulator.sidFor("AC", "rotate-new-" + UUID.randomUUID());
        twilio.registerAccount(oldSid, TOKEN).registerAccount(newSid, TOKEN).withSampleInventory();
        String key = instances.api(0).newUser("rotate-" + UUID.randomUUID() + "@example.com");
        String connection = twilioConnection(key, oldSid);
        assertThat(search(instances.api(1), key, connection, "415").status()).isEqualTo(200);

        Response updated = instances.api(0).post("/v1/account_connections/update?id=" + connection, key, Map.of(
                "credentials", Map.of("twilio_account_sid", newSid, "twilio_auth_token", TOKEN)));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

        int[] area = {500};
        eventually(() -> search(instances.api(1), key, connection, Integer.toString(area[0]++)),
                r -> r.status() == 200 && newSid.equals(twilio.requests().getLast().basicAuthUser()));
    }

    @Test
    void anApiKeysBudgetIsSpentByBothInstancesTogether() throws Exception {
        String key = instances.api(0).newUser("rate-" + UUID.randomUUID() + "@example.com");
        List<Future<Response>> answers = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 120; i++) {
                ApiClient api = instances.api(i % 2);
                answers.add(clients.submit(() -> api.get("/v1/api_keys/list", key)));
            }
            int admitted = 0;
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertThat(r.status()).as(r.toString()).isIn(200, 429);
                admitted += r.status() == 200 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // the defaults: bursts of 40, 20 a second, for both instances together (alone, each would grant that)
            assertThat(admitted).as("admitted within %.2f s", seconds)
                    .isLessThanOrEqualTo(40 + (int) Math.ceil(20 * seconds));
        }
    }

    private static String twilioConnection(String key, String sid) {
        return instances.api(0).newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", sid, "twilio_auth_token", TOKEN)));
    }

    private static Response search(ApiClient api, String key, String connection, String areaCode) {
        return api.get("/v1/numbers/available", params("telephony_provider", "twilio",
                "telephony_account_connection", connection, "filters", "{\"area_code\":\"" + areaCode + "\"}"), key);
    }

    /** Asks until the answer fits, for at most a second (what an announcement may take); the last answer. */
    static Response eventually(Supplier<Response> ask, java.util.function.Predicate<Response> fits)
            throws InterruptedException {
        long end = System.nanoTime() + RedisServer.WITHIN_A_SECOND.toNanos();
        Response last = ask.get();
        while (!fits.test(last)) {
            assertThat(System.nanoTime()).as("within a second; last answer: %s", last).isLessThan(end);
            Thread.sleep(20); // polling a condition with a deadline
            last = ask.get();
        }
        return last;
    }
}
