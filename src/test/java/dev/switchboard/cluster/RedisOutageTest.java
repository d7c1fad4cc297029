package dev.switchboard.cluster;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.Instances;
import dev.switchboard.support.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Redis killed under load, then started again: no search and no purchase fails meanwhile (each instance runs on its
 * own cache, budgets and breakers), each instance logs the outage once and its end once, /actuator/health answers 200
 * DEGRADED with readiness UP during it, and once Redis is back the instances share again (a revocation on one reaches
 * the other within a second, through the resubscribed pub/sub).
 */
@ExtendWith({RedisServer.Installed.class, OutputCaptureExtension.class})
class RedisOutageTest {

    @Test
    void redisDownNeverFailsASearchOrAPurchaseAndTheInstancesShareAgainWhenItIsBack(CapturedOutput output)
            throws Exception {
        try (RedisServer redis = RedisServer.start();
                Instances instances = Instances.start(2, redis.url(), RedisServer.keyPrefix(), Map.of(
                        // above the shipped 50 ms, so that a loaded test machine makes no outage before the kill;
                        // a killed Redis fails commands at once (rejected while disconnected), whatever the timeout
                        "spring.data.redis.timeout", "500ms",
                        "switchboard.rate-limit.per-key-per-second", "20",
                        "switchboard.rate-limit.per-key-burst", "40"))) {
            ApiClient first = instances.api(0);
            ApiClient second = instances.api(1);
            String key = first.newUser("outage-" + UUID.randomUUID() + "@example.com");
            String connection = first.newSandboxConnection(key);
            // the purchases during the outage use a key of their own: the load below spends the first key's budget,
            // so a purchase on it may rightly be answered 429 (a CI run was)
            String buyer = first.post("/v1/api_keys/create", key, Map.of()).json().get("api_key").asString();
            for (int i = 0; i < 2; i++) {
                Response health = instances.api(i).get("/actuator/health", (String) null);
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().get("status").asString()).isEqualTo("UP");
                assertThat(health.json().get("components").get("redis").get("status").asString()).isEqualTo("UP");
            }

            AtomicBoolean running = new AtomicBoolean(true);
            String outageLog;
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                try {
                    for (int worker = 0; worker < 4; worker++) {
                        ApiClient api = instances.api(worker % 2);
                        int seed = worker;
                        load.submit(() -> {
                            int i = 0;
                            while (running.get()) {
                                // a few distinct searches, so some are cached and some are asked (through the shared tier)
                                Response r = api.get("/v1/numbers/available", params("telephony_provider", "sandbox",
                                        "telephony_account_connection", connection, "limit", "5",
                                        "filters", "{\"area_code\":\"" + (410 + (seed + i++) % 6) + "\"}"), key);
                                if (r.status() != 200 && r.status() != 429) { // 429: the key's own budget, shared or not
                                    failures.add(r.toString());
                                }
                                answered.incrementAndGet();
                            }
                        });
                    }
                    awaitAnswers(answered, 20);

                    int logBefore = output.getAll().length();
                    redis.stop();
                    int before = answered.get();
                    awaitAnswers(answered, before + 40);
                    for (int i = 0; i < 2; i++) {
                        Response bought = instances.api(i).post("/v1/numbers/buy", buyer,
                                Map.of("area_code", i == 0 ? "212" : "646", "telephony_account_connection", connection));
                        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
                        Response health = instances.api(i).get("/actuator/health", (String) null);
                        assertThat(health.status()).as(health.toString()).isEqualTo(200);
                        assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
                        assertThat(health.json().get("components").get("redis").get("status").asString())
                                .isEqualTo("DEGRADED");
                        Response readiness = instances.api(i).get("/actuator/health/readiness", (String) null);
                        assertThat(readiness.status()).isEqualTo(200);
                        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
                    }

                    redis.startAgain();
                    for (int i = 0; i < 2; i++) {
                        ApiClient api = instances.api(i);
                        awaitUntil(() -> "UP".equals(api.get("/actuator/health", (String) null).json()
                                .get("status").asString()));
                    }
                    before = answered.get();
                    awaitAnswers(answered, before + 20);
                    outageLog = output.getAll().substring(logBefore);
                } finally {
                    // the workers loop until told to stop: told here too when a step above fails, or closing the
                    // executor would wait for them forever and the test would hang instead of failing
                    running.set(false);
                }
            }
            assertThat(failures).as("searches that failed").isEmpty();
            assertThat(count(outageLog, "is unreachable")).as("one warning per instance").isEqualTo(2);
            assertThat(count(outageLog, "answers again")).as("one line per instance").isEqualTo(2);

            // shared again: a revocation on the first reaches the second (resubscribed) within a second
            Response created = first.post("/v1/api_keys/create", key, Map.of());
            String spare = created.json().get("api_key").asString();
            assertThat(second.get("/v1/api_keys/list", spare).status()).isEqualTo(200);
            assertThat(first.post("/v1/api_keys/revoke?id=" + created.json().get("id").asString(), key, "")
                    .status()).isEqualTo(200);
            SharedStateAcrossInstancesTest.eventually(() -> second.get("/v1/api_keys/list", spare),
                    r -> r.status() == 401);
        }
    }

    private static long count(String log, String text) {
        return List.of(log.split("\n")).stream().filter(line -> line.contains(text)).count();
    }

    private static void awaitAnswers(AtomicInteger answered, int atLeast) throws InterruptedException {
        awaitUntil(() -> answered.get() >= atLeast);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(end);
            Thread.sleep(20); // polling a condition with a deadline
        }
    }
}
