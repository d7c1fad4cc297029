package dev.switchboard.telephony.resilience;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An adapter as the rest of Switchboard gets it from {@link TelephonyProviders}: every port call keeps one deadline
 * ({@code switchboard.providers.timeout}, retries and their waits included), idempotent reads are retried with
 * jittered exponential backoff on failures worth retrying, each account connection has its own circuit breaker,
 * searches of numbers on sale go through the coalescing cache, and every call is measured. The adapter knows none
 * of this but the deadline, which it gets with each call and spends on its HTTP exchanges.
 *
 * <p>Order, outermost first: metrics → cache (searches of numbers on sale only) → retry → the account's budget of
 * calls a second → circuit breaker → deadline → adapter. The breaker sees each attempt, so it can open between two retries and stop the next one.
 */
public final class ResilientTelephonyProvider implements TelephonyProvider {

    private final TelephonyAdapter adapter;
    private final TelephonyProviderName name;
    private final ProviderResilience resilience;

    /** The adapter behind the deadline, retries, its connections' circuit breakers, the cache and the metrics. */
    public ResilientTelephonyProvider(TelephonyAdapter adapter, ProviderResilience resilience) {
        this.adapter = adapter;
        this.name = adapter.name();
        this.resilience = resilience;
    }

    @Override
    public TelephonyProviderName name() {
        return name;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search) {
        return call(ProviderOperation.SEARCH_INVENTORY, deadline -> resilience.cache().get(name, account, search,
                deadline, () -> guarded(ProviderOperation.SEARCH_INVENTORY, account, deadline,
                        () -> adapter.searchInventory(account, search, deadline))));
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search) {
        return call(ProviderOperation.SEARCH_OWNED, deadline -> guarded(ProviderOperation.SEARCH_OWNED, account,
                deadline, () -> adapter.searchOwned(account, search, deadline)));
    }

    /**
     * Never retried: a purchase whose answer was lost may have happened. Once the provider has sold the number (to
     * this account, or, when it answers "not on sale", to someone else), no cached search offers it any more.
     */
    @Override
    public AvailableNumber buy(ProviderAccount account, String phoneNumber) {
        return call(ProviderOperation.BUY, deadline -> {
            try {
                AvailableNumber bought = guarded(ProviderOperation.BUY, account, deadline,
                        () -> adapter.buy(account, phoneNumber, deadline));
                resilience.cache().forget(name, phoneNumber);
                return bought;
            } catch (ProviderFault.NumberNotOnSale notOnSale) {
                resilience.cache().forget(name, phoneNumber);
                throw notOnSale;
            }
        });
    }

    @Override
    public Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber) {
        return call(ProviderOperation.FIND_OWNED, deadline -> guarded(ProviderOperation.FIND_OWNED, account,
                deadline, () -> adapter.findOwned(account, phoneNumber, deadline)));
    }

    /** Retried like a read: the port makes releasing a number no longer owned a success. */
    @Override
    public void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId) {
        call(ProviderOperation.RELEASE, deadline -> guarded(ProviderOperation.RELEASE, account, deadline, () -> {
            adapter.release(account, phoneNumber, providerNumberId, deadline);
            return Boolean.TRUE;
        }));
    }

    /** Retried like a read: setting where a number points is idempotent. */
    @Override
    public void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            RoutingTarget target) {
        call(ProviderOperation.ROUTE, deadline -> guarded(ProviderOperation.ROUTE, account, deadline, () -> {
            adapter.route(account, phoneNumber, providerNumberId, target, deadline);
            return Boolean.TRUE;
        }));
    }

    @Override
    public Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber,
            @Nullable String providerNumberId) {
        return call(ProviderOperation.READ_ROUTING, deadline -> guarded(ProviderOperation.READ_ROUTING, account,
                deadline, () -> adapter.readRouting(account, phoneNumber, providerNumberId, deadline)));
    }

    /** The cache this keeps searches of numbers on sale in, for tests. */
    InventoryCache cache() {
        return resilience.cache();
    }

    /**
     * Measures one port call as its caller sees it, once the instance has room for it: a call that finds
     * {@code max-concurrent-calls} under way waits for one to end, and ends Busy if its deadline passes first (the
     * provider was never asked, so it is not the provider's timeout).
     */
    private <T> T call(ProviderOperation operation, Function<Deadline, T> body) {
        long start = System.nanoTime();
        Deadline deadline = Deadline.after(resilience.properties().timeout());
        try {
            if (!resilience.enter(deadline)) {
                throw new ProviderFault.Busy(name, resilience.properties().maxConcurrentCalls(), deadline.budget());
            }
            try {
                T result = body.apply(deadline);
                resilience.metrics().call(name, operation, null, System.nanoTime() - start);
                return result;
            } finally {
                resilience.leave();
            }
        } catch (RuntimeException | Error e) {
            resilience.metrics().call(name, operation, e, System.nanoTime() - start);
            throw e;
        }
    }

    /** The adapter's call behind the connection's circuit breaker, within the deadline, retried when it may be. */
    private <T> T guarded(ProviderOperation operation, ProviderAccount account, Deadline deadline,
            Supplier<T> adapterCall) {
        ConnectionBreakers.ConnectionBreaker breaker = resilience.breakers().of(name, account.connectionId());
        Supplier<T> attempt = () -> attempt(breaker, account, deadline, adapterCall);
        int maxAttempts = resilience.properties().retry().maxAttempts();
        if (!operation.idempotent() || maxAttempts == 1) {
            return attempt.get();
        }
        RetryPlan plan = new RetryPlan(operation, deadline);
        Retry retry = Retry.of(name + "." + operation.tag(), RetryConfig.<T>custom()
                .maxAttempts(maxAttempts)
                .retryOnException(plan::worthRetrying)
                .intervalBiFunction((attempts, outcome) -> plan.waitMillis())
                .writableStackTraceEnabled(false)
                .build());
        return retry.executeSupplier(attempt);
    }

    /**
     * One attempt: asks the breaker, then runs the adapter on its own virtual thread and waits for it no longer
     * than the deadline; past it, the attempt is cancelled (its thread interrupted) and the call ends TimedOut.
     */
    private <T> T attempt(ConnectionBreakers.ConnectionBreaker breaker, ProviderAccount account, Deadline deadline,
            Supplier<T> adapterCall) {
        if (!breaker.tryAcquirePermission()) {
            throw new ProviderFault.CircuitOpen(name, breaker.retryAfter());
        }
        try {
            resilience.budgets().spend(account, deadline); // after the breaker: a refused call spends no budget
        } catch (RuntimeException refused) {
            breaker.releasePermission();
            throw refused;
        }
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            breaker.releasePermission();
            throw new ProviderFault.TimedOut(name, deadline.budget());
        }
        long start = System.nanoTime();
        Future<T> answer = resilience.submit(adapterCall);
        try {
            T value = answer.get(remaining, TimeUnit.NANOSECONDS);
            breaker.onSuccess(System.nanoTime() - start);
            return value;
        } catch (TimeoutException e) {
            answer.cancel(true);
            ProviderFault.TimedOut timedOut = new ProviderFault.TimedOut(name, deadline.budget());
            breaker.onError(System.nanoTime() - start, timedOut);
            throw timedOut;
        } catch (ExecutionException e) {
            Throwable failure = e.getCause() == null ? e : e.getCause();
            breaker.onError(System.nanoTime() - start, failure);
            throw AdapterFailures.unchecked(name, failure);
        } catch (InterruptedException e) {
            answer.cancel(true);
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(name, null, "The call to " + name + " was interrupted", e);
        }
    }

    /**
     * Which failures of one call are retried and after how long. Retried: a provider failure (5xx, refused or reset
     * connection, unreadable answer) after a jittered exponential backoff, and a 429 after its own Retry-After; in
     * both cases only when the wait leaves at least half of what remains of the deadline, so the retry has time
     * to answer and the caller gets the provider's real fault rather than a timeout. Never retried: rejected
     * credentials or requests, a number not on sale, a timeout (the budget is spent), an open circuit.
     */
    private final class RetryPlan {
        private final ProviderOperation operation;
        private final Deadline deadline;
        private int retries;
        private long nextWaitMillis;

        RetryPlan(ProviderOperation operation, Deadline deadline) {
            this.operation = operation;
            this.deadline = deadline;
        }

        boolean worthRetrying(Throwable failure) {
            if (retries + 1 >= resilience.properties().retry().maxAttempts()) {
                return false; // Retry stops here too; asked first so the retry counter stays exact
            }
            Duration wait;
            if (failure instanceof ProviderFault.Unavailable) {
                wait = Duration.ofMillis(resilience.backoffMillis(retries + 1));
            } else if (failure instanceof ProviderFault.RateLimited limited) {
                wait = limited.retryAfter();
            } else {
                return false;
            }
            if (wait.toNanos() * 2 > deadline.remainingNanos()) {
                return false;
            }
            retries++;
            nextWaitMillis = wait.toMillis();
            resilience.metrics().retry(name, operation, failure);
            return true;
        }

        long waitMillis() {
            return nextWaitMillis;
        }
    }
}
