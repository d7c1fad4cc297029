package dev.switchboard;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.OnPostgres;
import dev.switchboard.support.PostgresCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL crashes under load and comes back: meanwhile every request that needs it fails fast with a 503 problem
 * (never a 500, never a 401 because the key lookup failed, never a hang; what a cache holds may still answer 200),
 * and once the server is back the same running service answers 200 again by itself. The database is a private cluster, so stopping it disturbs no other test.
 */
@ExtendWith(PostgresCluster.class)
class DatabaseOutageTest {

    /**
     * How soon a request must fail while the database is down: the pool's wait for a connection (2 s in
     * application.yaml) and slack for a loaded 2-core machine. A longer configured wait fails this test on purpose.
     */
    private static final Duration FAIL_FAST = Duration.ofSeconds(2 + 5);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(30);

    private static final long T0 = System.nanoTime();
    private static @Nullable PostgresCluster postgres;
    private static @Nullable ConfigurableApplicationContext service;
    private static ApiClient api;

    @BeforeAll
    static void startTheServiceOnItsOwnCluster(@TempDir Path dataDir) {
        postgres = PostgresCluster.create();
        service = new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
                // the driver settings README recommends for production
                "--spring.datasource.url=" + postgres.url("connectTimeout=5&socketTimeout=30&tcpKeepAlive=true"),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=",
                "--switchboard.secret-key=" + OnPostgres.SECRET_KEY,
                "--switchboard.admin-token=" + ApiClient.ADMIN_TOKEN,
                "--switchboard.data-dir=" + dataDir);
        api = new ApiClient(((WebServerApplicationContext) service).getWebServer().getPort());
    }

    @AfterAll
    static void stopTheServiceAndTheCluster() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsDownAndRecoverByThemselvesWhenItIsBack() throws Exception {
        String key = api.newUser("outage@example.com");
        // used first while the database is down, so its lookup cannot come from the cache of resolved keys
        String keyNotYetUsed = api.newUser("outage-late@example.com");
        String connection = api.newSandboxConnection(key);
        // likewise read first while the database is down, so it cannot come from the cache of connections read
        String connectionNotYetRead = api.newSandboxConnection(key);
        ApiClient.Response bought = api.post("/v1/numbers/buy", key,
                Map.of("area_code", "212", "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        Duration poolWait = Duration.ofMillis(service.getBean(HikariDataSource.class).getConnectionTimeout());
        AtomicInteger users = new AtomicInteger();

        Load load = new Load();
        load.add("numbers/list", () -> api.get("/v1/numbers/list", key));
        load.add("account_connections", () -> api.get("/v1/account_connections?id=" + connection, key));
        load.add("numbers/available", () -> api.get("/v1/numbers/available", params("telephony_provider", "sandbox",
                "telephony_account_connection", connection, "limit", "5", "filters", "{\"area_code\":\"415\"}"), key));
        load.add("admin/users (a transaction)", () -> api.post("/admin/v1/users", ApiClient.ADMIN_TOKEN,
                Map.of("email", "outage-" + users.incrementAndGet() + "@example.com")), 201);
        long stopped;
        long restarting;
        long restarted;
        ApiClient.Response readiness;
        Duration readinessTook;
        Duration restartTook;
        try {
            load.awaitAnswersAfter(T0, 3, "before the outage");
            assertThat(load.answers()).as("answers with the database up").allMatch(Answer::ok);

            postgres.stopImmediately();
            stopped = System.nanoTime();
            load.add("numbers/list, key not cached", () -> api.get("/v1/numbers/list", keyNotYetUsed));
            load.add("account_connections, not cached",
                    () -> api.get("/v1/account_connections?id=" + connectionNotYetRead, key));
            load.add("numbers/available, connection not cached", () -> api.get("/v1/numbers/available",
                    params("telephony_provider", "sandbox", "telephony_account_connection", connectionNotYetRead,
                            "limit", "5", "filters", "{\"area_code\":\"415\"}"), key));
            long asked = System.nanoTime();
            readiness = await("readiness DOWN").atMost(FAIL_FAST.multipliedBy(2))
                    .until(() -> api.get("/actuator/health/readiness", null), r -> r.status() == 503);
            readinessTook = Duration.ofNanos(System.nanoTime() - asked);
            ApiClient.Response liveness = api.get("/actuator/health/liveness", null);
            assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
            assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
            load.awaitAnswersAfter(stopped, 2, "while the database is down");

            restarting = System.nanoTime();
            postgres.start();
            restarted = System.nanoTime();
            restartTook = Duration.ofNanos(restarted - restarting);
            await("every endpoint answers as it should again").atMost(RECOVERY_DEADLINE)
                    .until(() -> load.endpoints().stream().allMatch(e -> load.firstOkAfter(e, restarted) != null));
            load.awaitAnswersAfter(load.recoveredAfter(restarted), 3, "after the recovery");
            await("readiness UP again").atMost(RECOVERY_DEADLINE)
                    .until(() -> api.get("/actuator/health/readiness", null), r -> r.status() == 200);
        } finally {
            load.stop();
        }

        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        List<Answer> all = load.answers();
        assertThat(all).as("answers other than the endpoint's success or a 503 problem, at any time")
                .filteredOn(a -> !a.ok() && !a.isServiceUnavailable()).isEmpty();

        // from the moment the server had stopped to the moment it was asked to start: down all along
        List<Answer> whileDown = all.stream().filter(a -> a.startedAt >= stopped && a.endedAt <= restarting).toList();
        assertThat(whileDown).as("answers to requests made while the database was down")
                .anyMatch(Answer::isServiceUnavailable);
        assertThat(whileDown).as("answers while the database was down slower than %d ms (the pool waits %d ms)",
                        FAIL_FAST.toMillis(), poolWait.toMillis())
                .filteredOn(a -> a.duration().compareTo(FAIL_FAST) > 0).isEmpty();
        assertThat(whileDown).as("answers while down that need the database (nothing cached, a write)")
                .filteredOn(a -> a.endpoint.contains("not cached") || a.endpoint.startsWith("admin/"))
                .isNotEmpty().allMatch(Answer::isServiceUnavailable);

        for (String endpoint : load.endpoints()) {
            Answer firstOk = load.firstOkAfter(endpoint, restarted);
            assertThat(all).as("%s: failures after its first success since the restart", endpoint)
                    .filteredOn(a -> a.endpoint.equals(endpoint) && a.startedAt > firstOk.endedAt && !a.ok()).isEmpty();
            assertThat(all).as("%s: answers after its first success since the restart", endpoint)
                    .filteredOn(a -> a.endpoint.equals(endpoint) && a.startedAt > firstOk.endedAt).isNotEmpty();
        }

        List<Answer> failedWhileDown = whileDown.stream().filter(Answer::isServiceUnavailable).toList();
        System.out.printf("database outage: %d answers in all %s; while down %d answers: %d 503 in p50 %d ms, max %d ms "
                        + "(pool wait %d ms), %d served from caches; readiness DOWN in %d ms; PostgreSQL restart took "
                        + "%d ms, then every endpoint answered as before %d ms after it; test %d ms since the class "
                        + "started%n",
                all.size(), summary(all), whileDown.size(), failedWhileDown.size(), percentile(failedWhileDown, 50),
                percentile(failedWhileDown, 100), poolWait.toMillis(), whileDown.size() - failedWhileDown.size(),
                readinessTook.toMillis(), restartTook.toMillis(),
                (load.recoveredAfter(restarted) - restarted) / 1_000_000, (System.nanoTime() - T0) / 1_000_000);
    }

    private static String summary(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.endpoint + " " + a.status
                + (a.problemType == null ? "" : " " + a.problemType), TreeMap::new, Collectors.counting())).toString();
    }

    private static long percentile(List<Answer> answers, int percent) {
        List<Long> millis = answers.stream().map(a -> a.duration().toMillis()).sorted().toList();
        return millis.isEmpty() ? -1 : millis.get(Math.max(0, (int) Math.ceil(percent / 100.0 * millis.size()) - 1));
    }

    /** One answer: which endpoint, when the request started and ended (nanoTime), and what came back. */
    record Answer(String endpoint, long startedAt, long endedAt, int status, int success, @Nullable String problemType,
            @Nullable String retryAfter, String body) {

        Duration duration() {
            return Duration.ofNanos(endedAt - startedAt);
        }

        boolean ok() {
            return status == success;
        }

        boolean isServiceUnavailable() {
            return status == 503 && "urn:switchboard:problem:service-unavailable".equals(problemType)
                    && retryAfter != null && retryAfter.matches("\\d+");
        }

        @Override
        public String toString() {
            return endpoint + " at +" + (startedAt - T0) / 1_000_000 + " ms: " + status + " in " + duration().toMillis()
                    + " ms " + body;
        }
    }

    /**
     * A steady load: each endpoint called again {@link #PACE} after its previous answer, one call at a time, so an
     * answer served from a cache in a millisecond does not turn the load into a busy loop on a shared machine.
     */
    private static final class Load {
        private static final Duration PACE = Duration.ofMillis(25);
        private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
        private final ScheduledExecutorService callers = Executors.newScheduledThreadPool(8, Thread.ofVirtual().factory());

        void add(String endpoint, Supplier<ApiClient.Response> call) {
            add(endpoint, call, 200);
        }

        void add(String endpoint, Supplier<ApiClient.Response> call, int success) {
            endpoints.add(endpoint);
            callers.scheduleWithFixedDelay(() -> answers.add(call(endpoint, call, success)), 0, PACE.toNanos(),
                    TimeUnit.NANOSECONDS);
        }

        private static Answer call(String endpoint, Supplier<ApiClient.Response> call, int success) {
            long start = System.nanoTime();
            try {
                ApiClient.Response r = call.get();
                String type = r.status() >= 400 && r.json() != null && r.json().has("type")
                        ? r.json().get("type").asString() : null;
                // kept for the failure message only; a success's body may hold a new user's API key
                String body = r.status() == success ? "" : r.body().length() > 300 ? r.body().substring(0, 300) + "…" : r.body();
                return new Answer(endpoint, start, System.nanoTime(), r.status(), success, type, r.header("Retry-After"),
                        body);
            } catch (RuntimeException e) {
                return new Answer(endpoint, start, System.nanoTime(), -1, success, null, null, e.toString());
            }
        }

        List<String> endpoints() {
            return endpoints.stream().sorted().toList();
        }

        List<Answer> answers() {
            return answers.stream().sorted(Comparator.comparingLong(Answer::startedAt)).toList();
        }

        /** Waits until every endpoint has answered this many requests started after the moment. */
        void awaitAnswersAfter(long moment, int count, String phase) {
            await(count + " answers per endpoint " + phase).atMost(Duration.ofSeconds(60))
                    .until(() -> endpoints().stream().allMatch(e -> answers.stream()
                            .filter(a -> a.endpoint.equals(e) && a.startedAt >= moment).count() >= count));
        }

        @Nullable Answer firstOkAfter(String endpoint, long moment) {
            return answers().stream().filter(a -> a.endpoint.equals(endpoint) && a.startedAt >= moment && a.ok())
                    .findFirst().orElse(null);
        }

        /** When the last endpoint to recover had its first success among requests started after the moment. */
        long recoveredAfter(long moment) {
            return endpoints().stream().mapToLong(e -> firstOkAfter(e, moment).endedAt).max().orElseThrow();
        }

        void stop() throws InterruptedException {
            callers.shutdown();
            assertThat(callers.awaitTermination(40, TimeUnit.SECONDS)).as("the load's last calls answered").isTrue();
        }
    }
}
