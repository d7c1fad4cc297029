package dev.switchboard.telephony;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * 50 identical searches of numbers on sale, sent together through the API, make one call to Twilio: the first
 * starts it, the 49 others join it while Twilio holds its answer. The deadline is longer here than in the other API
 * tests only so that 50 requests surely reach the service before the shared call's deadline on a busy machine.
 */
@TestPropertySource(properties = "switchboard.providers.timeout=20s")
class CoalescingThroughApiTest extends OnEmbeddedDatabase {

    private static final String SID = TwilioEmulator.sidFor("AC", "coalescing");
    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    private final TwilioEmulator twilio = twilio();

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ProvidersProperties properties;

    @AfterEach
    void wireStaysConformant() {
        twilio.clearFaults();
        twilio.assertConformant();
    }

    @Test
    void fiftyIdenticalConcurrentSearchesReachTwilioOnce() throws Exception {
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(20));
        twilio.reset();
        twilio.registerAccount(SID, TOKEN).withSampleInventory();
        String key = newUser();
        String connection = api().newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN)));
        CountDownLatch gate = new CountDownLatch(1);
        twilio.inject(new EmulatedFault.HoldUntil(gate));
        double lookupsBefore = cacheLookups();

        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(clients.submit(() -> api().get("/v1/numbers/available", params(
                        "telephony_provider", "twilio", "telephony_account_connection", connection,
                        "filters", "{\"area_code\":\"415\"}"), key)));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            // The first search's call is on its way to Twilio (held there); the others have joined it.
            while (cacheLookups() - lookupsBefore < 50 || twilio.requestCount() < 1) {
                assertThat(System.nanoTime()).as("all 50 searches reach the cache within 15 s").isLessThan(end);
                Thread.sleep(5); // polling a condition with a deadline
            }
            assertThat(twilio.requestCount()).isEqualTo(1);
            assertThat(meters.find("switchboard.provider.cache.requests").tags("provider", "twilio", "result", "hit")
                    .counters().stream().mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(49);
            gate.countDown();

            List<String> items = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get(20, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                items.add(r.json().get("items").toString());
            }
            assertThat(items).hasSize(50).containsOnly(items.getFirst());
            assertThat(items.getFirst()).contains("+14155550123", "+14155552255");
        }
        assertThat(twilio.requestCount()).isEqualTo(1);
    }

    @Test
    void searchesAcrossAccountsJoinTheSingleSearchesCallOfEachConnection() throws Exception {
        twilio.reset();
        twilio.registerAccount(SID, TOKEN).withSampleInventory();
        String key = newUser();
        String sandbox = api().newSandboxConnection(key);
        String connection = api().newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN)));
        CountDownLatch gate = new CountDownLatch(1);
        twilio.inject(new EmulatedFault.HoldUntil(gate));
        double lookupsBefore = cacheLookups();
        String filters = "{\"area_code\":\"415\"}";

        List<Future<Response>> single = new ArrayList<>();
        List<Future<Response>> across = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5; i++) {
                single.add(clients.submit(() -> api().get("/v1/numbers/available", params(
                        "telephony_provider", "twilio", "telephony_account_connection", connection, "filters", filters), key)));
                across.add(clients.submit(() -> api().get("/v1/numbers/available/all", params(
                        "connections", connection + "," + sandbox, "filters", filters), key)));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (cacheLookups() - lookupsBefore < 10 || twilio.requestCount() < 1) {
                assertThat(System.nanoTime()).as("all 10 searches reach Twilio's cache within 15 s").isLessThan(end);
                Thread.sleep(5); // polling a condition with a deadline
            }
            assertThat(twilio.requestCount()).isEqualTo(1);
            gate.countDown();

            for (Future<Response> answer : single) {
                Response r = answer.get(20, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
            for (Future<Response> answer : across) {
                Response r = answer.get(20, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                assertThat(r.json().get("sources")).allSatisfy(s -> assertThat(s.get("status").asString()).isEqualTo("ok"));
                // Twilio's two 415 numbers came from the shared call (unpriced, they rank below the sandbox's 20)
                assertThat(r.json().get("sources").get(0).get("telephony_provider").asString()).isEqualTo("twilio");
                assertThat(r.json().get("sources").get(0).get("count").asInt()).isEqualTo(2);
            }
        }
        assertThat(twilio.requestCount()).isEqualTo(1);
    }

    private double cacheLookups() {
        return meters.find("switchboard.provider.cache.requests").tag("provider", "twilio").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
