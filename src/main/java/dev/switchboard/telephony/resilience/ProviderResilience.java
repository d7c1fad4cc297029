package dev.switchboard.telephony.resilience;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.switchboard.SwitchboardProperties;
import dev.switchboard.cluster.SharedState;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProvidersProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What every wrapped adapter shares: the settings, the circuit breakers of the account connections, the cache of
 * searches of numbers on sale, the metrics, and the virtual threads provider calls run on (so the request's thread
 * waits only as long as the deadline allows, whatever the adapter does). Each {@link ResilientTelephonyProvider}
 * uses these parts; none of them calls back into the wrapper.
 */
@Component
public class ProviderResilience implements AutoCloseable {

    private final ProvidersProperties properties;
    private final ProviderMetrics metrics;
    private final ConnectionBreakers breakers;
    private final InventoryCache cache;
    private final ProviderBudgets budgets;
    private final IntervalFunction backoff;
    /** Provider calls under way on this instance, at most {@code max-concurrent-calls}. */
    private final Semaphore underWay;
    private final ExecutorService calls =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("provider-call-", 0).factory());

    /**
     * @param shared Redis when configured: the second tier of the cache, the account budgets and the breakers'
     *     announcements are then shared by the instances
     * @param switchboard its secret key, when set, keys the credentials' fingerprints, so that every instance
     *     (they share the key) names an account alike in Redis
     */
    @Autowired
    ProviderResilience(ProvidersProperties properties, MeterRegistry registry, Clock clock, SharedState shared,
            SwitchboardProperties switchboard) {
        this(properties, registry, clock, ticker(clock), shared, fingerprint(switchboard));
    }

    /** With the ticker the cache and breaker map expire by, for tests that move time. */
    ProviderResilience(ProvidersProperties properties, MeterRegistry registry, Clock clock, Ticker ticker) {
        this(properties, registry, clock, ticker, SharedState.local(), new CredentialFingerprint());
    }

    ProviderResilience(ProvidersProperties properties, MeterRegistry registry, Clock clock, Ticker ticker,
            SharedState shared, CredentialFingerprint fingerprint) {
        this.properties = properties;
        this.metrics = new ProviderMetrics(registry);
        this.breakers = new ConnectionBreakers(properties.circuitBreaker(), clock, ticker, metrics, shared);
        this.cache = new InventoryCache(properties.cacheTtl(), properties.cacheMaxEntries(), ticker, metrics,
                fingerprint, shared);
        this.budgets = new ProviderBudgets(properties, shared, fingerprint);
        ProvidersProperties.Retry retry = properties.retry();
        this.underWay = new Semaphore(properties.maxConcurrentCalls(), true);
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), retry.multiplier(),
                retry.jitter(), retry.maxBackoff());
    }

    ProvidersProperties properties() {
        return properties;
    }

    ProviderMetrics metrics() {
        return metrics;
    }

    ConnectionBreakers breakers() {
        return breakers;
    }

    InventoryCache cache() {
        return cache;
    }

    ProviderBudgets budgets() {
        return budgets;
    }

    private static CredentialFingerprint fingerprint(SwitchboardProperties switchboard) {
        String secret = switchboard.secretKey();
        return new CredentialFingerprint(secret == null || secret.isBlank() ? null
                : secret.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The jittered wait before retry number {@code retry} (1 for the first retry), in milliseconds. */
    long backoffMillis(int retry) {
        return backoff.apply(retry);
    }

    /**
     * Waits, no longer than the deadline, until fewer than {@code max-concurrent-calls} calls are under way; false
     * when the deadline passed first. Every true must be followed by {@link #leave()}.
     */
    boolean enter(Deadline deadline) {
        try {
            return underWay.tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void leave() {
        underWay.release();
    }

    /** How many calls are waiting for room (an estimate, as the semaphore gives it). */
    int waitingForRoom() {
        return underWay.getQueueLength();
    }

    /** Runs one attempt on its own virtual thread, with the caller's logging context (its request id). */
    <T> Future<T> submit(Supplier<T> attempt) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return calls.submit(() -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                return attempt.get();
            } finally {
                MDC.clear();
            }
        });
    }

    @Override
    public void close() {
        calls.shutdownNow();
        cache.close();
    }

    /**
     * Caffeine's time source read from the service's clock, so tests that move the clock move expiry with it.
     * Counted from its creation: Caffeine adds long durations to it, which epoch nanoseconds would overflow.
     */
    static Ticker ticker(Clock clock) {
        Instant origin = clock.instant();
        return () -> Duration.between(origin, clock.instant()).toNanos();
    }
}
