package dev.switchboard.telephony.resilience;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchboard.cluster.SharedState;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The coalescing cache of searches of numbers on sale: one future per search, so identical searches that arrive
 * together share one provider call, and its answer serves the same search for {@code cache-ttl}. Failures are never
 * kept (a failed future leaves the cache at once). The key holds the provider, the account connection, a fingerprint
 * of its credentials and the whole search, so an entry never serves another connection (and so another user), nor
 * the same connection once its credentials change. Each instance keeps its own; with Redis, a second tier and the
 * single flight are shared by the instances ({@link SharedInventory}).
 */
final class InventoryCache {

    private final @Nullable AsyncCache<InventoryKey, AvailableNumbersPage> cache;
    private final CredentialFingerprint fingerprint;
    private final ProviderMetrics metrics;
    private final SharedInventory shared;

    InventoryCache(Duration ttl, long maxEntries, Ticker ticker, ProviderMetrics metrics,
            CredentialFingerprint fingerprint, SharedState sharedState) {
        this.metrics = metrics;
        this.fingerprint = fingerprint;
        this.shared = new SharedInventory(sharedState, ttl);
        if (ttl.isZero() || ttl.isNegative()) {
            this.cache = null;
            return;
        }
        sharedState.listen(SharedInventory.FORGET_TOPIC, message -> shared.forgottenElsewhere(message)
                .ifPresent(forgotten -> forgetHere(forgotten.provider(), forgotten.phoneNumber())));
        AsyncCache<InventoryKey, AvailableNumbersPage> built = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .recordStats()
                .buildAsync();
        this.cache = built;
        Gauge.builder(ProviderMetrics.CACHE_SIZE, built, c -> c.synchronous().estimatedSize())
                .description("Searches of numbers on sale held in the cache")
                .register(metrics.registry());
        Gauge.builder(ProviderMetrics.CACHE_HIT_RATIO, built, c -> c.synchronous().stats().hitRate())
                .description("Share of searches of numbers on sale answered from the cache since the start")
                .register(metrics.registry());
    }

    InventoryKey key(ProviderAccount account, AvailableNumberSearch search) {
        return new InventoryKey(account.provider(), account.connectionId(), fingerprint.of(account.credentials()),
                search);
    }

    /**
     * The cached answer to this search, or the answer of the call already under way for it, or else the answer of
     * a new call made by {@code load} on the calling thread, which the identical searches arriving meanwhile wait
     * for. Waits no longer than {@code deadline}; {@code load} keeps the deadline of the search that started it.
     */
    AvailableNumbersPage get(TelephonyProviderName provider, ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline, Supplier<AvailableNumbersPage> load) {
        if (cache == null) {
            return load.get();
        }
        InventoryKey key = key(account, search);
        CompletableFuture<AvailableNumbersPage> started = new CompletableFuture<>();
        CompletableFuture<AvailableNumbersPage> answer = cache.get(key, (k, ignored) -> started);
        if (answer != started && answer.isCompletedExceptionally()) {
            // A failure that Caffeine has not removed yet (it does so as the future completes, which can be just
            // after its waiters woke): never served from the cache, asked afresh.
            cache.asMap().remove(key, answer);
            answer = cache.get(key, (k, ignored) -> started);
        }
        boolean loads = answer == started;
        metrics.cacheLookup(provider, !loads);
        if (loads) {
            // Loaded here rather than on a thread of its own: a hand-off less per search. The call is bounded by this
            // search's deadline, so the searches waiting on it wait no longer than that, or their own deadline.
            try {
                started.complete(shared.load(key, deadline, load));
            } catch (Throwable failure) {
                started.completeExceptionally(failure);
            }
        }
        try {
            return answer.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ProviderFault.TimedOut(provider, deadline.budget());
        } catch (ExecutionException e) {
            throw AdapterFailures.unchecked(provider, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(provider, null, "The call to " + provider + " was interrupted", e);
        }
    }

    /**
     * Drops every cached search of this provider whose answer offers the number, and every search still under way
     * (it may have been answered before the number was bought), on any connection: a number bought is gone for every
     * account. The next search asks the provider again, so it also gets a full page rather than one number short.
     * With Redis, the same on every instance.
     *
     * @return how many entries were dropped here
     */
    int forget(TelephonyProviderName provider, String phoneNumber) {
        if (cache == null) {
            return 0;
        }
        shared.forget(provider, phoneNumber);
        return forgetHere(provider, phoneNumber);
    }

    private int forgetHere(TelephonyProviderName provider, String phoneNumber) {
        if (cache == null) {
            return 0;
        }
        int dropped = 0;
        Map<InventoryKey, CompletableFuture<AvailableNumbersPage>> entries = cache.asMap();
        for (Map.Entry<InventoryKey, CompletableFuture<AvailableNumbersPage>> entry : entries.entrySet()) {
            if (entry.getKey().provider() != provider) {
                continue;
            }
            CompletableFuture<AvailableNumbersPage> answer = entry.getValue();
            boolean stale = !answer.isDone() || answer.isCompletedExceptionally()
                    || answer.join().numbers().stream().anyMatch(n -> n.phoneNumber().equals(phoneNumber));
            if (stale && entries.remove(entry.getKey(), answer)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            metrics.cacheInvalidated(provider, dropped);
        }
        return dropped;
    }

    /**
     * How long ago this search's answer was kept, once it is (not while its call is under way), for tests: Caffeine
     * stamps an entry when its future completes, which may be just after the caller got the answer.
     */
    Optional<Duration> age(ProviderAccount account, AvailableNumberSearch search) {
        if (cache == null) {
            return Optional.empty();
        }
        return cache.synchronous().policy().expireAfterWrite()
                .flatMap(policy -> policy.ageOf(key(account, search)))
                .filter(age -> !age.isNegative());
    }

    /** How many searches are held, for tests and the size gauge. */
    long size() {
        return cache == null ? 0 : cache.synchronous().estimatedSize();
    }

    void close() {
        shared.close();
    }
}
