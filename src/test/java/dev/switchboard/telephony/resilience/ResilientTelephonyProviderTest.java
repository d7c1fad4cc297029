package dev.switchboard.telephony.resilience;

import static dev.switchboard.telephony.resilience.ScriptedAdapter.fails;
import static dev.switchboard.telephony.resilience.ScriptedAdapter.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProviderSettings;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wrapper around every adapter, over a scripted adapter: deadline, retries, circuit breaker, cache, metrics. */
class ResilientTelephonyProviderTest {

    private static final TelephonyProviderName TWILIO = TelephonyProviderName.TWILIO;
    private static final AvailableNumberSearch SEARCH = AvailableNumberSearch.defaults();
    private static final ProvidersProperties.Retry FAST_RETRIES =
            new ProvidersProperties.Retry(3, Duration.ofMillis(1), 2.0, 0.5, Duration.ofMillis(5));
    private static final ProvidersProperties.CircuitBreaker BREAKER =
            new ProvidersProperties.CircuitBreaker(50, 10, 5, Duration.ofSeconds(30), 2, 1000);

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScriptedAdapter adapter = new ScriptedAdapter(TWILIO);
    private final List<ProviderResilience> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ProviderResilience::close);
    }

    private static final ProvidersProperties DEFAULTS = ProviderSettings.defaults();

    /** The resilience settings a test sets, the adapters' at their defaults (the scripted adapter uses none). */
    private static ProvidersProperties properties(Duration timeout, Duration cacheTtl, ProvidersProperties.Retry retry,
            int maxConcurrentCalls) {
        return new ProvidersProperties(timeout, DEFAULTS.sandbox(), DEFAULTS.twilio(), DEFAULTS.telnyx(),
                DEFAULTS.vonage(), cacheTtl, 100, retry, BREAKER, maxConcurrentCalls);
    }

    private TelephonyProvider wrapped(Duration timeout, Duration cacheTtl, ProvidersProperties.Retry retry) {
        ProvidersProperties properties = properties(timeout, cacheTtl, retry, DEFAULTS.maxConcurrentCalls());
        ProviderResilience resilience = new ProviderResilience(properties, meters, clock, ProviderResilience.ticker(clock));
        started.add(resilience);
        return new ResilientTelephonyProvider(adapter, resilience);
    }

    private TelephonyProvider wrapped() {
        return wrapped(Duration.ofSeconds(2), Duration.ofSeconds(30), FAST_RETRIES);
    }

    private static ProviderAccount account() {
        return account("AC00000000000000000000000000000001", "token-0123456789abcdef");
    }

    private static ProviderAccount account(String sid, String token) {
        return new ProviderAccount(UUID.randomUUID(), new ProviderCredentials.Twilio(sid, token));
    }

    private static ProviderFault.Unavailable unavailable() {
        return new ProviderFault.Unavailable(TWILIO, "20500", "Twilio failed to answer (HTTP 500)", null);
    }

    private double count(String meter, String... tags) {
        var search = meters.find(meter).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum()
                + search.timers().stream().mapToDouble(t -> t.count()).sum();
    }

    // ---------------------------------------------------------------------------------------------- retries

    @Test
    void retriesProviderFailuresOfReadsAndAnswersOnceOneSucceeds() {
        TelephonyProvider provider = wrapped();
        adapter.then(fails(unavailable()), fails(unavailable()));

        assertThat(provider.searchOwned(account(), SEARCH).numbers()).containsExactly(ScriptedAdapter.NUMBER);
        assertThat(adapter.calls()).isEqualTo(3);
        assertThat(count(ProviderMetrics.RETRIES, "provider", "twilio", "operation", "search_owned", "kind",
                "unavailable")).isEqualTo(2);
        assertThat(count(ProviderMetrics.CALLS, "operation", "search_owned", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWithTheProvidersFault() {
        TelephonyProvider provider = wrapped();
        adapter.always(fails(unavailable()));

        assertThatThrownBy(() -> provider.searchOwned(account(), SEARCH))
                .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                        f -> assertThat(f.providerCode()).isEqualTo("20500"));
        assertThat(adapter.calls()).isEqualTo(3);
        assertThat(count(ProviderMetrics.RETRIES, "operation", "search_owned")).isEqualTo(2);
        assertThat(count(ProviderMetrics.ERRORS, "provider", "twilio", "operation", "search_owned", "kind",
                "unavailable")).isEqualTo(1);
    }

    @Test
    void neverRetriesWhatAskingAgainCannotChange() {
        TelephonyProvider provider = wrapped();
        List<RuntimeException> faults = List.of(
                new ProviderFault.RejectedCredentials(TWILIO, "bad token"),
                new ProviderFault.RejectedRequest(TWILIO, "type", "21452", "no such type"),
                new ProviderFault.TimedOut(TWILIO, Duration.ofSeconds(2)),
                new UnsupportedSearch(TWILIO, "postal_code", "cannot"));
        for (RuntimeException fault : faults) {
            int before = adapter.calls();
            adapter.then(() -> {
                throw fault;
            });
            assertThatThrownBy(() -> provider.searchOwned(account(), SEARCH)).isSameAs(fault);
            assertThat(adapter.calls()).as("%s", fault).isEqualTo(before + 1);
        }
        assertThat(count(ProviderMetrics.ERRORS, "kind", "rejected_credentials")).isEqualTo(1);
        assertThat(count(ProviderMetrics.ERRORS, "kind", "unsupported_search")).isEqualTo(1);
        assertThat(meters.find(ProviderMetrics.RETRIES).counters()).isEmpty();
    }

    @Test
    void aRateLimitWhoseRetryAfterFitsTheDeadlineIsWaitedOut() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(5), Duration.ofSeconds(30), FAST_RETRIES);
        adapter.then(fails(new ProviderFault.RateLimited(TWILIO, Duration.ofMillis(50))));

        assertThat(provider.searchOwned(account(), SEARCH).numbers()).hasSize(1);
        assertThat(adapter.calls()).isEqualTo(2);
        assertThat(count(ProviderMetrics.RETRIES, "kind", "rate_limited")).isEqualTo(1);
    }

    @Test
    void theAdapterSpendsThePortCallsOneDeadlineAcrossItsRetries() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(5), Duration.ofSeconds(30), FAST_RETRIES);
        adapter.then(fails(unavailable()));

        provider.searchOwned(account(), SEARCH);

        assertThat(adapter.deadlines()).hasSize(2).allSatisfy(deadline -> {
            assertThat(deadline).isSameAs(adapter.deadlines().getFirst());
            assertThat(deadline.budget()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void aRateLimitLongerThanTheDeadlineAllowsIsPassedOnWithTheProvidersRetryAfter() {
        TelephonyProvider provider = wrapped();
        adapter.then(fails(new ProviderFault.RateLimited(TWILIO, Duration.ofSeconds(7))));

        assertThatThrownBy(() -> provider.searchOwned(account(), SEARCH))
                .isInstanceOfSatisfying(ProviderFault.RateLimited.class,
                        f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(adapter.calls()).isEqualTo(1);
    }

    @Test
    void noRetryStartsThatTheRestOfTheDeadlineCouldNotHold() {
        // A 1 s wait needs 2 s of deadline left; the deadline is 1.5 s.
        TelephonyProvider provider = wrapped(Duration.ofMillis(1500), Duration.ofSeconds(30),
                new ProvidersProperties.Retry(3, Duration.ofSeconds(1), 2.0, 0.0, Duration.ofSeconds(1)));
        adapter.always(fails(unavailable()));

        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.searchOwned(account(), SEARCH)).isInstanceOf(ProviderFault.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(adapter.calls()).isEqualTo(1);
    }

    // --------------------------------------------------------------------------------------------- deadline

    @Test
    void anAdapterThatOverrunsTheDeadlineIsAbandonedAndTheCallTimesOut() {
        TelephonyProvider provider = wrapped(Duration.ofMillis(300), Duration.ofSeconds(30), FAST_RETRIES);
        adapter.always(adapter.hangs());

        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.searchOwned(account(), SEARCH))
                .isInstanceOfSatisfying(ProviderFault.TimedOut.class,
                        f -> assertThat(f.deadline()).isEqualTo(Duration.ofMillis(300)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(800));
        assertThat(adapter.calls()).isEqualTo(1); // a timeout spends the budget: never retried
        await(() -> adapter.interruptedCalls() == 1, "the abandoned attempt's thread is interrupted");
    }

    @Test
    void searchesOfNumbersOnSaleKeepTheDeadlineToo() {
        TelephonyProvider provider = wrapped(Duration.ofMillis(300), Duration.ofSeconds(30), FAST_RETRIES);
        adapter.always(adapter.hangs());

        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.searchInventory(account(), SEARCH)).isInstanceOf(ProviderFault.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
        assertThat(count(ProviderMetrics.CALLS, "operation", "search_inventory", "outcome", "timed_out")).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ circuit breaker

    @Test
    void repeatedProviderFailuresOpenTheConnectionsBreakerWhichThenAnswersWithoutCalling() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(2), Duration.ofSeconds(30), noRetries());
        ProviderAccount account = account();
        adapter.always(fails(unavailable()));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.searchOwned(account, SEARCH)).isInstanceOf(ProviderFault.Unavailable.class);
        }
        assertThat(adapter.calls()).isEqualTo(5);

        assertThatThrownBy(() -> provider.searchOwned(account, SEARCH))
                .isInstanceOfSatisfying(ProviderFault.CircuitOpen.class,
                        f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> provider.searchInventory(account, SEARCH))
                .isInstanceOfSatisfying(ProviderFault.CircuitOpen.class,
                        f -> assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
        assertThat(adapter.calls()).as("no call reaches the provider while open").isEqualTo(5);
        assertThat(gauge("twilio", "open")).isEqualTo(1);
        assertThat(count(ProviderMetrics.ERRORS, "kind", "circuit_open")).isEqualTo(2);

        // After the open duration, trial calls go through; when they succeed the breaker closes.
        clock.advance(Duration.ofSeconds(10).plusMillis(1));
        adapter.always(() -> page(ScriptedAdapter.NUMBER));
        assertThat(provider.searchOwned(account, SEARCH).numbers()).hasSize(1);
        assertThat(gauge("twilio", "half_open")).isEqualTo(1);
        assertThat(provider.searchOwned(account, SEARCH).numbers()).hasSize(1);
        assertThat(gauge("twilio", "closed")).isEqualTo(1);
        assertThat(gauge("twilio", "open")).isZero();
        assertThat(count(ProviderMetrics.BREAKER_TRANSITIONS, "provider", "twilio", "state", "open")).isEqualTo(1);
    }

    @Test
    void aBreakerOpensBetweenRetriesAndStopsTheNextOne() {
        TelephonyProvider provider = wrapped();
        ProviderAccount account = account();
        adapter.always(fails(unavailable()));
        assertThatThrownBy(() -> provider.searchOwned(account, SEARCH)).isInstanceOf(ProviderFault.Unavailable.class);
        // Attempts 4 and 5 fail, which opens the breaker: the third attempt is refused without a call.
        assertThatThrownBy(() -> provider.searchOwned(account, SEARCH)).isInstanceOf(ProviderFault.CircuitOpen.class);
        assertThat(adapter.calls()).isEqualTo(5);
    }

    @Test
    void theCallersOwnMistakesAndRateLimitsNeverOpenTheBreaker() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(2), Duration.ofSeconds(30), noRetries());
        ProviderAccount account = account();
        for (int i = 0; i < 5; i++) {
            adapter.then(fails(new ProviderFault.RejectedCredentials(TWILIO, "bad token")),
                    fails(new ProviderFault.RejectedRequest(TWILIO, null, null, "no")),
                    fails(new ProviderFault.RateLimited(TWILIO, Duration.ofSeconds(30))));
        }
        for (int i = 0; i < 15; i++) {
            assertThatThrownBy(() -> provider.searchOwned(account, SEARCH)).isNotInstanceOf(ProviderFault.CircuitOpen.class);
        }
        assertThat(provider.searchOwned(account, SEARCH).numbers()).hasSize(1);
        assertThat(adapter.calls()).isEqualTo(16);
    }

    @Test
    void eachAccountConnectionHasItsOwnBreaker() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(2), Duration.ofSeconds(30), noRetries());
        ProviderAccount broken = account();
        adapter.always(fails(unavailable()));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.searchOwned(broken, SEARCH)).isInstanceOf(ProviderFault.Unavailable.class);
        }
        assertThatThrownBy(() -> provider.searchOwned(broken, SEARCH)).isInstanceOf(ProviderFault.CircuitOpen.class);

        adapter.always(() -> page(ScriptedAdapter.NUMBER));
        assertThat(provider.searchOwned(account(), SEARCH).numbers()).hasSize(1);
        assertThat(gauge("twilio", "open")).isEqualTo(1);
        assertThat(gauge("twilio", "closed")).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------- calls under way

    private ProviderResilience resilience(Duration timeout, int maxConcurrentCalls) {
        ProvidersProperties properties = properties(timeout, Duration.ZERO, FAST_RETRIES, maxConcurrentCalls);
        ProviderResilience resilience = new ProviderResilience(properties, meters, clock, ProviderResilience.ticker(clock));
        started.add(resilience);
        return resilience;
    }

    @Test
    void noMoreThanMaxConcurrentCallsAreUnderWayAndOneBeyondThemWaitsNoLongerThanItsDeadline() {
        ProviderResilience resilience = resilience(Duration.ofSeconds(10), 2);
        assertThat(resilience.enter(Deadline.after(Duration.ofSeconds(1)))).isTrue();
        assertThat(resilience.enter(Deadline.after(Duration.ofSeconds(1)))).isTrue();

        long start = System.nanoTime();
        assertThat(resilience.enter(Deadline.after(Duration.ofMillis(300)))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));

        resilience.leave();
        assertThat(resilience.enter(Deadline.after(Duration.ofMillis(300)))).isTrue();
    }

    @Test
    void aCallBeyondMaxConcurrentCallsReachesTheProviderOnceAnotherEnds() throws Exception {
        ProviderResilience resilience = resilience(Duration.ofSeconds(10), 2);
        TelephonyProvider provider = new ResilientTelephonyProvider(adapter, resilience);
        CountDownLatch release = new CountDownLatch(1);
        adapter.always(answersOnceReleased(release));
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AvailableNumbersPage>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(callers.submit(() -> provider.searchOwned(account(), SEARCH)));
            }
            await(() -> adapter.calls() == 2 && resilience.waitingForRoom() == 1,
                    "two calls reached the adapter and the third waits for room");
            assertThat(adapter.calls()).as("the third has not reached the adapter").isEqualTo(2);
            release.countDown();
            for (Future<AvailableNumbersPage> answer : answers) {
                assertThat(answer.get(8, TimeUnit.SECONDS).numbers()).containsExactly(ScriptedAdapter.NUMBER);
            }
        }
        assertThat(adapter.calls()).isEqualTo(3);
    }

    @Test
    void aCallThatFindsNoRoomWithinItsDeadlineIsBusyAndNeverReachesTheProvider() {
        ProviderResilience resilience = resilience(Duration.ofMillis(300), 1);
        TelephonyProvider provider = new ResilientTelephonyProvider(adapter, resilience);
        adapter.always(() -> page(ScriptedAdapter.NUMBER));
        assertThat(resilience.enter(Deadline.after(Duration.ofSeconds(1)))).as("the one slot taken").isTrue();

        long start = System.nanoTime();
        assertThatThrownBy(() -> provider.searchOwned(account(), SEARCH))
                .isInstanceOf(ProviderFault.Busy.class)
                .hasMessageContaining("1 calls to providers under way");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(adapter.calls()).as("the provider was never asked").isZero();
        assertThat(count(ProviderMetrics.CALLS, "outcome", "busy")).isEqualTo(1);

        resilience.leave();
        assertThat(provider.searchOwned(account(), SEARCH).numbers()).containsExactly(ScriptedAdapter.NUMBER);
    }

    // ------------------------------------------------------------------------------------------------- cache

    @Test
    void fiftyIdenticalConcurrentSearchesMakeOneProviderCall() throws Exception {
        TelephonyProvider provider = wrapped();
        ProviderAccount account = account();
        CountDownLatch release = new CountDownLatch(1);
        adapter.always(answersOnceReleased(release));
        List<Future<AvailableNumbersPage>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> provider.searchInventory(account, SEARCH)));
            }
            await(() -> count(ProviderMetrics.CACHE_REQUESTS, "result", "hit")
                    + count(ProviderMetrics.CACHE_REQUESTS, "result", "miss") == 50, "all 50 searches asked the cache");
            release.countDown();
            for (Future<AvailableNumbersPage> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS).numbers()).containsExactly(ScriptedAdapter.NUMBER);
            }
        }
        assertThat(adapter.calls()).isEqualTo(1);
        assertThat(count(ProviderMetrics.CACHE_REQUESTS, "provider", "twilio", "result", "miss")).isEqualTo(1);
        assertThat(count(ProviderMetrics.CACHE_REQUESTS, "provider", "twilio", "result", "hit")).isEqualTo(49);
    }

    @Test
    void aCachedSearchIsAskedAgainOnceItsTtlHasPassed() {
        TelephonyProvider provider = wrapped();
        ProviderAccount account = account();
        provider.searchInventory(account, SEARCH);
        InventoryCache cache = ((ResilientTelephonyProvider) provider).cache();
        await(() -> cache.age(account, SEARCH).isPresent(), "the answer is kept");
        clock.advance(Duration.ofSeconds(29));
        provider.searchInventory(account, SEARCH);
        assertThat(adapter.calls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        provider.searchInventory(account, SEARCH);
        assertThat(adapter.calls()).isEqualTo(2);
    }

    @Test
    void entriesNeverCrossConnectionsCredentialsOrSearches() {
        TelephonyProvider provider = wrapped();
        ProviderAccount first = account();
        provider.searchInventory(first, SEARCH);
        provider.searchInventory(first, SEARCH);
        assertThat(adapter.calls()).isEqualTo(1);

        // Same provider account (same credentials) through another Switchboard connection: its own entry.
        provider.searchInventory(new ProviderAccount(UUID.randomUUID(), first.credentials()), SEARCH);
        assertThat(adapter.calls()).isEqualTo(2);
        // The same connection after its token was rotated: never the old token's results.
        provider.searchInventory(new ProviderAccount(first.connectionId(),
                new ProviderCredentials.Twilio("AC00000000000000000000000000000001", "rotated-0123456789")), SEARCH);
        assertThat(adapter.calls()).isEqualTo(3);
        // Another search on the first connection.
        provider.searchInventory(first, SEARCH.withLimit(5));
        assertThat(adapter.calls()).isEqualTo(4);
        provider.searchInventory(first, SEARCH);
        assertThat(adapter.calls()).isEqualTo(4);
    }

    @Test
    void faultsAreNeverCached() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(2), Duration.ofSeconds(30), noRetries());
        ProviderAccount account = account();
        adapter.then(fails(unavailable()));
        assertThatThrownBy(() -> provider.searchInventory(account, SEARCH)).isInstanceOf(ProviderFault.Unavailable.class);
        assertThat(provider.searchInventory(account, SEARCH).numbers()).hasSize(1);
        assertThat(adapter.calls()).isEqualTo(2);
    }

    @Test
    void ownedNumbersAreNeverCached() {
        TelephonyProvider provider = wrapped();
        ProviderAccount account = account();
        provider.searchOwned(account, SEARCH);
        provider.searchOwned(account, SEARCH);
        assertThat(adapter.calls()).isEqualTo(2);
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(2), Duration.ZERO, FAST_RETRIES);
        ProviderAccount account = account();
        provider.searchInventory(account, SEARCH);
        provider.searchInventory(account, SEARCH);
        assertThat(adapter.calls()).isEqualTo(2);
    }

    // ------------------------------------------------------------------------------------ buy, findOwned, release

    @Test
    void aPurchaseIsNeverRetried() {
        TelephonyProvider provider = wrapped();
        adapter.then(fails(unavailable()));
        assertThatThrownBy(() -> provider.buy(account(), "+14155550123")).isInstanceOf(ProviderFault.Unavailable.class);
        assertThat(adapter.calls()).isEqualTo(1);
        assertThat(meters.find(ProviderMetrics.RETRIES).counters()).isEmpty();
        assertThat(count(ProviderMetrics.ERRORS, "operation", "buy", "kind", "unavailable")).isEqualTo(1);
    }

    @Test
    void lookingUpAndReleasingOwnedNumbersAreRetriedLikeReads() {
        TelephonyProvider provider = wrapped();
        ProviderAccount account = account();
        adapter.then(fails(unavailable()));
        assertThat(provider.findOwned(account, ScriptedAdapter.NUMBER.phoneNumber())).contains(ScriptedAdapter.NUMBER);
        adapter.then(fails(unavailable()), fails(unavailable()));
        provider.release(account, ScriptedAdapter.NUMBER.phoneNumber(), null);
        assertThat(adapter.calls()).isEqualTo(5);
        assertThat(count(ProviderMetrics.RETRIES, "operation", "find_owned")).isEqualTo(1);
        assertThat(count(ProviderMetrics.RETRIES, "operation", "release")).isEqualTo(2);
        assertThat(count(ProviderMetrics.CALLS, "operation", "release", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void anOpenCircuitRefusesPurchasesWithoutCalling() {
        TelephonyProvider provider = wrapped(Duration.ofSeconds(2), Duration.ofSeconds(30), noRetries());
        ProviderAccount account = account();
        adapter.always(fails(unavailable()));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> provider.searchOwned(account, SEARCH)).isInstanceOf(ProviderFault.Unavailable.class);
        }
        assertThatThrownBy(() -> provider.buy(account, "+14155550123")).isInstanceOf(ProviderFault.CircuitOpen.class);
        assertThat(adapter.calls()).isEqualTo(5);
    }

    @Test
    void aBoughtNumberLeavesEveryCachedSearchOfThatProviderAtOnce() {
        TelephonyProvider provider = wrapped();
        AvailableNumber other = new AvailableNumber("+12125550147", "US", NumberType.LOCAL, "NY", "New York", null,
                Capabilities.NONE, "none", null, false, null);
        ProviderAccount buyer = account();
        ProviderAccount someoneElse = account();
        adapter.always(() -> page(ScriptedAdapter.NUMBER, other));
        provider.searchInventory(buyer, SEARCH);
        provider.searchInventory(someoneElse, SEARCH);
        adapter.always(() -> page(other));
        provider.searchInventory(buyer, SEARCH.withLimit(1)); // a page without the number stays cached
        assertThat(adapter.calls()).isEqualTo(3);

        provider.buy(buyer, ScriptedAdapter.NUMBER.phoneNumber());
        assertThat(adapter.calls()).isEqualTo(4);

        assertThat(provider.searchInventory(buyer, SEARCH).numbers()).containsExactly(other);
        assertThat(provider.searchInventory(someoneElse, SEARCH).numbers()).containsExactly(other);
        assertThat(adapter.calls()).as("both pages offering the number were asked again").isEqualTo(6);
        provider.searchInventory(buyer, SEARCH.withLimit(1));
        assertThat(adapter.calls()).isEqualTo(6);
        assertThat(count(ProviderMetrics.CACHE_INVALIDATIONS, "provider", "twilio")).isEqualTo(2);
    }

    @Test
    void aNumberTheProviderSaysIsNotOnSaleLeavesCachedSearchesToo() {
        TelephonyProvider provider = wrapped();
        ProviderAccount account = account();
        provider.searchInventory(account, SEARCH);
        adapter.then(fails(new ProviderFault.NumberNotOnSale(TWILIO, ScriptedAdapter.NUMBER.phoneNumber())));
        assertThatThrownBy(() -> provider.buy(account, ScriptedAdapter.NUMBER.phoneNumber()))
                .isInstanceOf(ProviderFault.NumberNotOnSale.class);
        provider.searchInventory(account, SEARCH);
        assertThat(adapter.calls()).isEqualTo(3);
        assertThat(count(ProviderMetrics.ERRORS, "operation", "buy", "kind", "number_not_on_sale")).isEqualTo(1);
    }

    @Test
    void aPurchaseElsewhereLeavesOtherProvidersCachesAlone() {
        ScriptedAdapter sandbox = new ScriptedAdapter(TelephonyProviderName.SANDBOX);
        ProvidersProperties properties = properties(Duration.ofSeconds(2), Duration.ofSeconds(30), FAST_RETRIES,
                DEFAULTS.maxConcurrentCalls());
        ProviderResilience resilience = new ProviderResilience(properties, meters, clock, ProviderResilience.ticker(clock));
        started.add(resilience);
        TelephonyProvider twilio = new ResilientTelephonyProvider(adapter, resilience);
        TelephonyProvider sandboxProvider = new ResilientTelephonyProvider(sandbox, resilience);
        ProviderAccount sandboxAccount = new ProviderAccount(UUID.randomUUID(), new ProviderCredentials.Sandbox());
        sandboxProvider.searchInventory(sandboxAccount, SEARCH);
        twilio.buy(account(), ScriptedAdapter.NUMBER.phoneNumber());
        sandboxProvider.searchInventory(sandboxAccount, SEARCH);
        assertThat(sandbox.calls()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ProvidersProperties.Retry noRetries() {
        return new ProvidersProperties.Retry(1, Duration.ofMillis(1), 2.0, 0.5, Duration.ofMillis(5));
    }

    private double gauge(String provider, String state) {
        return meters.get(ProviderMetrics.BREAKERS).tag("provider", provider).tag("state", state).gauge().value();
    }

    /** Answers one number once the test counts the latch down (or after 8 s), as a provider that is slow on cue. */
    private static Supplier<AvailableNumbersPage> answersOnceReleased(CountDownLatch release) {
        return () -> {
            try {
                release.await(8, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page(ScriptedAdapter.NUMBER);
        };
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.yield();
        }
    }
}
