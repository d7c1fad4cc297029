package dev.switchboard.telephony;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.TempDirs;
import dev.switchboard.telephony.MisbehavingProvider.Misbehaviour;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Twilio that hangs, resets connections, answers a byte at a time or answers garbage, 1,000 searches each through
 * the API, 200 at a time: every search is answered with API.md's status for that fault within the deadline, and
 * afterwards the service has closed every connection it opened to Twilio and holds no more threads or file
 * descriptors than before. Its own application (Twilio's address is the misbehaving server), on the embedded
 * default in a folder of its own, with a short deadline, a circuit breaker that never opens and no account budget of
 * calls a second, so every search reaches Twilio; each search is distinct, so none is shared through the cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.admin-token=" + ApiClient.ADMIN_TOKEN,
                "switchboard.providers.timeout=" + ProviderFaultsLeakTest.DEADLINE_MILLIS + "ms",
                "switchboard.providers.circuit-breaker.window-size=10000",
                "switchboard.providers.circuit-breaker.minimum-calls=10000",
                "switchboard.providers.twilio.max-calls-per-second=0"})
class ProviderFaultsLeakTest {

    static final int DEADLINE_MILLIS = 1_000;
    private static final int CALLS = 1_000;
    private static final int CONCURRENCY = 200;
    /**
     * What a search may take beyond the deadline: the service's own work, 200 searches at a time on a loaded 2-core
     * machine (at a load average of 24, a stall of the whole JVM once held 8 answers to 5.8 s). A deadline not kept
     * shows far beyond it: a trickled answer takes over 20 s, a hanging one never ends.
     */
    private static final Duration MARGIN = Duration.ofSeconds(9);
    /** Platform threads and descriptors that may come and go on their own (JIT, GC, logging, pools' idle ones). */
    private static final int THREAD_MARGIN = 8;
    private static final int FD_MARGIN = 16;

    private static final String TIMEOUT = "urn:switchboard:problem:provider-timeout";
    private static final String UNAVAILABLE = "urn:switchboard:problem:provider-unavailable";

    private static final MisbehavingProvider TWILIO = MisbehavingProvider.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEARCHES = new AtomicInteger();

    @DynamicPropertySource
    static void misbehavingTwilio(DynamicPropertyRegistry registry) {
        registry.add("switchboard.providers.twilio.base-url", () -> TWILIO.baseUrl().toString());
        var dataDir = TempDirs.dataDirDeletedOnExit("switchboard-provider-faults");
        registry.add("switchboard.data-dir", dataDir::toString);
    }

    @AfterAll
    static void stopTwilio() {
        TWILIO.close();
    }

    @LocalServerPort
    private int port;

    /** One search's answer as its caller saw it. */
    private record Answer(int status, String problemType, long millis) {}

    @Test
    void theSlowAnswerIsTwiliosRealAnswerWhenSentAtOnce() {
        ApiClient api = new ApiClient(port);
        String key = api.newUser("user-" + UUID.randomUUID() + "@example.com");
        TWILIO.misbehave(Misbehaviour.SLOW_BYTES).byteInterval(Duration.ZERO);
        try {
            ApiClient.Response r = api.get("/v1/numbers/available", params("telephony_provider", "twilio",
                    "telephony_account_connection", newTwilioConnection(api, key)), key);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("items").get(0).get("number").asString()).isEqualTo("+14155550142");
        } finally {
            TWILIO.byteInterval(Duration.ofMillis(50));
        }
    }

    @ParameterizedTest
    @EnumSource(Misbehaviour.class)
    void everySearchIsAnsweredWithinTheDeadlineAndNothingLeaks(Misbehaviour misbehaviour) throws Exception {
        long testStart = System.nanoTime();
        ApiClient api = new ApiClient(port);
        String key = api.newUser("user-" + UUID.randomUUID() + "@example.com");
        String connection = newTwilioConnection(api, key); // a breaker of its own, with none of the other modes' calls
        TWILIO.misbehave(misbehaviour);
        boolean timesOut = misbehaviour == Misbehaviour.HANG || misbehaviour == Misbehaviour.SLOW_BYTES;
        // The service may keep an idle connection of a healthy answer (the other test's) in its pool.
        int openBefore = TWILIO.openConnections();

        // One round first, so pools that grow once to their working size are not counted as leaks.
        searches(key, connection, CONCURRENCY);
        awaitAtMost(TWILIO::openConnections, openBefore, () -> "open connections at Twilio after the warm-up");
        int threadsBefore = platformThreads();
        int fdsBefore = openFileDescriptors();
        int acceptedBefore = TWILIO.acceptedConnections();

        List<Answer> answers = searches(key, connection, CALLS);

        assertThat(answers).hasSize(CALLS);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.millis()).as("%s: later than the deadline and a margin", a)
                    .isLessThanOrEqualTo(DEADLINE_MILLIS + MARGIN.toMillis());
            // A failing provider retried until the deadline passed (a loaded machine) is a timeout too; never sooner.
            if (timesOut || a.status() == 504) {
                assertThat(a.status()).as("%s", a).isEqualTo(504);
                assertThat(a.problemType()).as("%s", a).isEqualTo(TIMEOUT);
                assertThat(a.millis()).as("%s: a timeout before the deadline", a)
                        .isGreaterThanOrEqualTo(DEADLINE_MILLIS);
            } else {
                assertThat(a.status()).as("%s", a).isEqualTo(502);
                assertThat(a.problemType()).as("%s", a).isEqualTo(UNAVAILABLE);
            }
        });
        Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new,
                Collectors.counting()));
        if (!timesOut) {
            assertThat(statuses).as("the provider's failure is told as such").containsKey(502);
        }
        int accepted = TWILIO.acceptedConnections() - acceptedBefore;
        // The searches reached Twilio: the breaker stayed closed and the cache shared none. (Not quite all: at a load
        // average of 20, 7% of hanging searches ran out of time before their connection was made.)
        assertThat(accepted).as("connections to Twilio").isGreaterThanOrEqualTo(CALLS / 2);

        awaitAtMost(TWILIO::openConnections, openBefore, () -> "open connections at Twilio");
        int threadsAfter = awaitAtMost(ProviderFaultsLeakTest::platformThreads, threadsBefore + THREAD_MARGIN,
                () -> "platform threads (before: " + threadsBefore + "), by name: " + threadNames());
        int fdsAfter = awaitAtMost(ProviderFaultsLeakTest::openFileDescriptors, fdsBefore + FD_MARGIN,
                () -> "open file descriptors (before: " + fdsBefore + ")");

        List<Long> millis = answers.stream().map(Answer::millis).sorted().toList();
        System.out.printf("%s: %d searches, %d at a time, answered %s, %d connections to Twilio; search ms p50 %d,"
                        + " p99 %d, max %d (deadline %d); platform threads %d -> %d (peak %d); fds %d -> %d;"
                        + " %d ms in all%n",
                misbehaviour, CALLS, CONCURRENCY, statuses, accepted, millis.get(millis.size() / 2),
                millis.get(millis.size() * 99 / 100), millis.getLast(),
                DEADLINE_MILLIS, threadsBefore, threadsAfter,
                ManagementFactory.getThreadMXBean().getPeakThreadCount(), fdsBefore, fdsAfter,
                (System.nanoTime() - testStart) / 1_000_000);
    }

    private String newTwilioConnection(ApiClient api, String key) {
        return api.newConnection(key, Map.of("type", "account_connection_twilio", "credentials",
                Map.of("twilio_account_sid", TwilioEmulator.sidFor("AC", "misbehaving"),
                        "twilio_auth_token", "0123456789abcdef0123456789abcdef")));
    }

    /**
     * {@code count} distinct searches, {@link #CONCURRENCY} at a time, each on a virtual thread, through a client of
     * their own that is closed afterwards, so its connections to the service are gone when the descriptors are
     * counted.
     */
    private List<Answer> searches(String key, String connection, int count) throws InterruptedException {
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(CONCURRENCY);
        try (HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                slots.acquire();
                // A number fragment of its own, so no two searches share a cache entry.
                String filters = "{\"contains\":\"%07d\"}".formatted(SEARCHES.incrementAndGet());
                URI uri = URI.create("http://127.0.0.1:" + port + "/v1/numbers/available?" + ApiClient.query(params(
                        "telephony_provider", "twilio", "telephony_account_connection", connection,
                        "filters", filters)));
                callers.submit(() -> {
                    try {
                        answers.add(search(http, uri, key));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return answers;
    }

    private static Answer search(HttpClient http, URI uri, String key) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            JsonNode type = response.body().startsWith("{") ? JSON.readTree(response.body()).get("type") : null;
            return new Answer(response.statusCode(), type == null ? response.body() : type.asString(), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 15 s) until the figure is at most {@code limit}; returns it, or fails naming it. */
    private static int awaitAtMost(IntSupplier figure, int limit, Supplier<String> what) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(figure.getAsInt()).as(what).isLessThanOrEqualTo(limit));
        return figure.getAsInt();
    }

    /** Live platform threads by name, numbers left out (e.g. {@code HttpClient-#-Worker-#=14}). */
    private static Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                t -> t.getName().replaceAll("[0-9]+", "#"), TreeMap::new, Collectors.counting()));
    }

    /** Live platform threads (virtual threads are not counted). */
    private static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** This JVM's open file descriptors, sockets included (Linux). */
    private static int openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
