package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnPostgres;
import dev.switchboard.support.PostgresDatabase;
import dev.switchboard.support.ServiceProcess;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service process is killed (SIGKILL: no shutdown hook, no graceful shutdown, nothing flushed) in the middle of
 * purchases, and started again on the same database. Afterwards no purchase is lost and none is recorded twice: the
 * user's list holds exactly the numbers Twilio sold to the account, each once, and a retry with the same
 * Idempotency-Key never buys again. Twilio is the in-test emulator, whose sales outlive the service's restarts.
 *
 * <p>The service runs as a separate JVM ({@link ServiceProcess}) with a short reconciliation grace and interval, so
 * that the repair after a restart happens within seconds instead of minutes.
 */
class KillDuringPurchaseTest {

    private static final String ACCOUNT = TwilioEmulator.sidFor("AC", "kill-during-purchase");
    private static final String SOMEONE_ELSE = TwilioEmulator.sidFor("AC", "kill-during-purchase-someone-else");
    private static final String TOKEN = "7c0ffee07c0ffee07c0ffee07c0ffee0"; // the emulator's, known to nobody else
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // generous: a service JVM starts in 5-15 s here, and the machine may be several times slower under load
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration REPAIRED_WITHIN = Duration.ofSeconds(60);
    private static final int CONCURRENT_PURCHASES = 6;

    @TempDir
    Path dataDir;

    private final TwilioEmulator twilio = TwilioEmulator.start()
            .registerAccount(ACCOUNT, TOKEN).registerAccount(SOMEONE_ELSE, TOKEN);
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Set<String> numbersUsed = new HashSet<>();
    private final List<CompletableFuture<Response>> clientsInFlight = new ArrayList<>();

    /** Where the service keeps its data, the same for every start of one test. */
    private record Database(String name, List<String> arguments, Map<String, String> environment) {}

    /** The user of one test: API key and Twilio connection, valid across restarts. */
    private record Customer(String apiKey, String connection) {}

    /** One purchase as the client sent it. */
    private record Purchase(String number, String idempotencyKey, CompletableFuture<Response> answer) {}

    @AfterEach
    void stopEverything() {
        services.forEach(ServiceProcess::close);
        clients.shutdownNow();
        twilio.close();
    }

    @Test
    void onTheEmbeddedDatabaseAKilledServiceLosesNoPurchaseAndRecordsNoneTwice() {
        killAndRestart(new Database("h2", List.of("--switchboard.data-dir=" + dataDir), Map.of()), 2);
    }

    @Test
    @ExtendWith(PostgresDatabase.class)
    void onPostgresAKilledServiceLosesNoPurchaseAndRecordsNoneTwice() {
        killAndRestart(new Database("postgres", List.of("--switchboard.data-dir=" + dataDir,
                "--spring.datasource.url=" + PostgresDatabase.newDatabase(),
                "--spring.datasource.username=" + PostgresDatabase.user(), "--spring.datasource.password="),
                Map.of("SWITCHBOARD_SECRET_KEY", OnPostgres.SECRET_KEY)), 1);
    }

    /**
     * Each cycle kills the service amid purchases in every stage, starts it again on the same database, waits for
     * the repair and checks the outcome. The purchases of a cycle:
     * <ul>
     *   <li>one Twilio is still selling when the service dies, and completes afterwards: it must be recorded once;
     *   <li>one Twilio is still selling when the service dies, and refuses afterwards (another account bought the
     *       number meanwhile): its pending intent must fail and nothing be recorded;
     *   <li>{@value #CONCURRENT_PURCHASES} concurrent ones, the service killed as a random one of them reaches
     *       Twilio: some not yet asked, some sold but not recorded, some recorded.
     * </ul>
     */
    private void killAndRestart(Database database, int cycles) {
        ServiceProcess service = start(database);
        Customer customer = newCustomer(service.api());
        for (int cycle = 1; cycle <= cycles; cycle++) {
            ApiClient api = service.api();
            Gate twilioAnswers = new Gate();
            int requestsBefore = twilio.requestCount();
            twilio.inject(new EmulatedFault.HoldUntil(twilioAnswers)); // every request, until the faults are cleared
            Purchase completes = buyAndAwaitTwilio(api, customer, twilioAnswers, requestsBefore);
            Purchase refuses = buyAndAwaitTwilio(api, customer, twilioAnswers, requestsBefore);
            twilio.clearFaults(); // those two stay held; the purchases that follow are answered at once
            List<Purchase> concurrent = buyConcurrentlyAndKillAtARandomOne(service, customer);

            sellAtTwilioToSomeoneElse(refuses.number());
            twilioAnswers.countDown(); // Twilio answers the dead service: sells one number, refuses the other (21422)
            await("Twilio completes the sale of " + completes.number()).atMost(REPAIRED_WITHIN)
                    .until(() -> ownedAtTwilio().contains(completes.number()));
            for (Purchase held : List.of(completes, refuses)) {
                // its connection died with the service, or (on a slow machine) the provider deadline ran out first
                if (!held.answer().isCompletedExceptionally()) {
                    assertThat(held.answer().join().status()).as("the purchase of " + held.number() + ", which "
                            + "Twilio did not answer while the service lived").isGreaterThanOrEqualTo(500);
                }
            }

            ServiceProcess restarted = start(database);
            everyNumberTwilioSoldIsListedOnceAndNothingElse(restarted, customer);
            assertThat(listed(restarted.api(), customer)).containsOnlyOnce(completes.number())
                    .doesNotContain(refuses.number());
            await("the reconciliation settles the purchase Twilio refused as failed").atMost(REPAIRED_WITHIN)
                    .until(() -> restarted.output().contains(" of " + refuses.number() + ": failed"));
            retriesBuyNothingTwice(restarted, customer, completes, refuses, concurrent);
            service = restarted;
        }
        twilio.assertConformant();
    }

    /**
     * Buys a new number and waits until Twilio holds the purchase at the gate: every request Twilio received since
     * the hold began waits there (received but not yet at the gate, it might miss the fault once it is cleared).
     */
    private Purchase buyAndAwaitTwilio(ApiClient api, Customer customer, Gate gate, int requestsBefore) {
        int postsBefore = twilio.requestCount("POST");
        Purchase purchase = buyInBackground(api, customer, putOnSale());
        await("the purchase of " + purchase.number() + " waits at Twilio").atMost(REPAIRED_WITHIN)
                .until(() -> twilio.requestCount("POST") > postsBefore
                        && gate.waiting() == twilio.requestCount() - requestsBefore);
        return purchase;
    }

    /** The gate of {@link EmulatedFault.HoldUntil}, which also tells how many of Twilio's answers wait at it. */
    private static final class Gate extends CountDownLatch {

        private final Set<Thread> waiting = ConcurrentHashMap.newKeySet(); // one thread per request in the emulator

        Gate() {
            super(1);
        }

        @Override
        public void await() throws InterruptedException {
            waiting.add(Thread.currentThread());
            super.await();
        }

        @Override
        public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
            waiting.add(Thread.currentThread());
            return super.await(timeout, unit);
        }

        int waiting() {
            return waiting.size();
        }
    }

    private List<Purchase> buyConcurrentlyAndKillAtARandomOne(ServiceProcess service, Customer customer) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_PURCHASES; i++) {
            numbers.add(putOnSale());
        }
        int postsBefore = twilio.requestCount("POST");
        int killAtPost = 1 + random.nextInt(CONCURRENT_PURCHASES);
        List<Purchase> purchases = numbers.stream().map(n -> buyInBackground(service.api(), customer, n)).toList();
        await("purchase " + killAtPost + " of " + CONCURRENT_PURCHASES + " reaches Twilio (seed " + seed + ")")
                .atMost(REPAIRED_WITHIN).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> twilio.requestCount("POST") >= postsBefore + killAtPost
                        || purchases.stream().allMatch(p -> p.answer().isDone()));
        assertThat(service.kill()).as("exit value of the service killed with SIGKILL")
                .isEqualTo(ServiceProcess.KILLED_BY_SIGKILL);
        await("every client has its answer or its error").atMost(REPAIRED_WITHIN)
                .until(() -> clientsInFlight.stream().allMatch(CompletableFuture::isDone));
        return purchases;
    }

    /** The invariant: the user's list is exactly what Twilio sold to the account, each number once. */
    private void everyNumberTwilioSoldIsListedOnceAndNothingElse(ServiceProcess service, Customer customer) {
        ApiClient api = service.api();
        await("the reconciliation makes the list what Twilio sold (seed " + seed + ")").atMost(REPAIRED_WITHIN)
                .untilAsserted(() -> assertThat(listed(api, customer))
                        .containsExactlyInAnyOrderElementsOf(ownedAtTwilio()));
        assertThat(ownedAtTwilio()).doesNotHaveDuplicates();
        assertThat(listed(api, customer)).doesNotHaveDuplicates();
    }

    /**
     * Every purchase retried with its Idempotency-Key: a number Twilio sold already is answered without asking
     * Twilio again, one it did not sell is bought now, the refused one stays refused. Twilio is asked to buy only
     * for the numbers it had not sold (and the refused one, which it refuses again).
     */
    private void retriesBuyNothingTwice(ServiceProcess service, Customer customer, Purchase completed, Purchase refused,
            List<Purchase> concurrent) {
        ApiClient api = service.api();
        Set<String> soldBefore = Set.copyOf(ownedAtTwilio());
        int postsBefore = twilio.requestCount("POST");

        Response retry = retryUntilAnswered(api, customer, completed);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().get("number").asString()).isEqualTo(completed.number());
        assertThat(twilio.requestCount("POST")).as("Twilio was asked to buy a number it had sold").isEqualTo(postsBefore);

        retry = retryUntilAnswered(api, customer, refused);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
        assertThat(retry.json().get("type").asString()).endsWith("number-not-on-sale");

        for (Purchase purchase : concurrent) {
            retry = retryUntilAnswered(api, customer, purchase);
            assertThat(retry.status()).as(purchase.number() + ": " + retry).isEqualTo(200);
            assertThat(retry.json().get("number").asString()).isEqualTo(purchase.number());
        }
        long notSoldBefore = concurrent.stream().filter(p -> !soldBefore.contains(p.number())).count();
        assertThat(twilio.requestCount("POST") - postsBefore).as("purchases Twilio was asked for by the retries")
                .isEqualTo(notSoldBefore + 1);

        List<String> owned = ownedAtTwilio();
        assertThat(owned).doesNotHaveDuplicates().contains(completed.number()).doesNotContain(refused.number())
                .containsAll(concurrent.stream().map(Purchase::number).toList());
        assertThat(listed(api, customer)).containsExactlyInAnyOrderElementsOf(owned);
    }

    // ------------------------------------------------------------------------------------------------------------

    private ServiceProcess start(Database database) {
        String name = "KillDuringPurchaseTest-" + database.name() + "-" + (services.size() + 1);
        List<String> arguments = new ArrayList<>(database.arguments());
        arguments.addAll(List.of("--switchboard.admin-token=" + ApiClient.ADMIN_TOKEN,
                "--switchboard.providers.twilio.base-url=" + twilio.baseUrl(),
                // A purchase request takes at most the provider deadline; the grace outlasts it, and pending purchases
                // are settled every second instead of every minute, so the repair after a restart takes seconds.
                "--switchboard.providers.timeout=5s",
                "--switchboard.numbers.reconciliation.grace=6s",
                "--switchboard.numbers.reconciliation.interval=1s",
                // a retry with the key of a request that died with the service may run once this lease is over
                "--switchboard.idempotency.lease=6s"));
        ServiceProcess service = ServiceProcess.start(ServiceProcess.logFile(name), arguments, database.environment(),
                READY_WITHIN);
        services.add(service);
        return service;
    }

    private Customer newCustomer(ApiClient api) {
        String apiKey = api.newUser("kill-during-purchase-" + UUID.randomUUID() + "@example.com");
        String connection = api.newConnection(apiKey, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", ACCOUNT, "twilio_auth_token", TOKEN)));
        return new Customer(apiKey, connection);
    }

    /** A new number on sale at Twilio, in San Francisco. */
    private String putOnSale() {
        String number;
        do {
            number = "+1415" + (2_000_000 + random.nextInt(7_000_000));
        } while (!numbersUsed.add(number));
        twilio.addInventory(TwilioEmulator.InventoryNumber.of(number, "US", NumberType.LOCAL)
                .in("CA", "San Francisco", "94105"));
        return number;
    }

    private Purchase buyInBackground(ApiClient api, Customer customer, String number) {
        String idempotencyKey = UUID.randomUUID().toString();
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> buy(api, customer, number,
                idempotencyKey), clients);
        clientsInFlight.add(answer);
        return new Purchase(number, idempotencyKey, answer);
    }

    private static Response buy(ApiClient api, Customer customer, String number, String idempotencyKey) {
        return api.send(api.builder("/v1/numbers/buy")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("phone_number", number,
                        "telephony_account_connection", customer.connection())))), customer.apiKey());
    }

    /**
     * Retries a purchase with its key until it has a definite answer: a request of the killed service may still
     * hold the key for its lease (409 in flight), and a purchase whose outcome Twilio does not show yet answers 503.
     */
    private static Response retryUntilAnswered(ApiClient api, Customer customer, Purchase purchase) {
        return await("a definite answer to the retried purchase of " + purchase.number()).atMost(REPAIRED_WITHIN)
                .until(() -> buy(api, customer, purchase.number(), purchase.idempotencyKey()), r -> !(r.status() == 503
                        || (r.status() == 409 && r.json().get("type").asString().endsWith("idempotency-key-in-flight"))));
    }

    private static List<String> listed(ApiClient api, Customer customer) {
        Response r = api.get("/v1/numbers/list?size=100", customer.apiKey());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().get("items").forEach(item -> numbers.add(item.get("number").asString()));
        return numbers;
    }

    private List<String> ownedAtTwilio() {
        return twilio.owned(ACCOUNT).stream().map(TwilioEmulator.OwnedNumber::phoneNumber).toList();
    }

    /** Another Twilio customer buys the number, straight from Twilio. */
    private void sellAtTwilioToSomeoneElse(String number) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + "/2010-04-01/Accounts/" + SOMEONE_ELSE
                        + "/IncomingPhoneNumbers.json"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((SOMEONE_ELSE + ":" + TOKEN)
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("PhoneNumber=" + URLEncoder.encode(number, StandardCharsets.UTF_8)))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> sold = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(sold.statusCode()).as(sold.body()).isEqualTo(201);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(twilio.owned(SOMEONE_ELSE)).extracting(TwilioEmulator.OwnedNumber::phoneNumber).contains(number);
    }
}
