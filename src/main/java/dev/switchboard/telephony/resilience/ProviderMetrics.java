package dev.switchboard.telephony.resilience;

import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code switchboard.provider.*} meters of provider calls. Tags are bounded: provider, operation, and an
 * outcome or fault kind; never a connection id, a number or a user.
 */
final class ProviderMetrics {

    static final String CALLS = "switchboard.provider.calls";
    static final String ERRORS = "switchboard.provider.errors";
    static final String RETRIES = "switchboard.provider.retries";
    static final String CACHE_REQUESTS = "switchboard.provider.cache.requests";
    static final String CACHE_INVALIDATIONS = "switchboard.provider.cache.invalidations";
    static final String CACHE_SIZE = "switchboard.provider.cache.size";
    static final String CACHE_HIT_RATIO = "switchboard.provider.cache.hit.ratio";
    static final String BREAKERS = "switchboard.provider.circuit.breakers";
    static final String BREAKER_TRANSITIONS = "switchboard.provider.circuit.transitions";

    private final MeterRegistry registry;

    ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** One port call as the caller saw it: its latency, and its fault kind when it failed. */
    void call(TelephonyProviderName provider, ProviderOperation operation, @Nullable Throwable failure, long nanos) {
        String outcome = failure == null ? "success" : kind(failure);
        Timer.builder(CALLS)
                .description("Provider port calls, retries included, by outcome")
                .tag("provider", provider.wireName())
                .tag("operation", operation.tag())
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (failure != null) {
            Counter.builder(ERRORS)
                    .description("Failed provider port calls by fault kind")
                    .tag("provider", provider.wireName())
                    .tag("operation", operation.tag())
                    .tag("kind", outcome)
                    .register(registry)
                    .increment();
        }
    }

    void retry(TelephonyProviderName provider, ProviderOperation operation, Throwable cause) {
        Counter.builder(RETRIES)
                .description("Attempts repeated after a provider failure worth retrying")
                .tag("provider", provider.wireName())
                .tag("operation", operation.tag())
                .tag("kind", kind(cause))
                .register(registry)
                .increment();
    }

    void cacheLookup(TelephonyProviderName provider, boolean hit) {
        Counter.builder(CACHE_REQUESTS)
                .description("Searches of numbers on sale answered from the cache (hit, a shared in-flight call"
                        + " included) or by the provider (miss)")
                .tag("provider", provider.wireName())
                .tag("result", hit ? "hit" : "miss")
                .register(registry)
                .increment();
    }

    void cacheInvalidated(TelephonyProviderName provider, int entries) {
        Counter.builder(CACHE_INVALIDATIONS)
                .description("Cached searches dropped because a number they held was bought")
                .tag("provider", provider.wireName())
                .register(registry)
                .increment(entries);
    }

    void breakerTransition(TelephonyProviderName provider, String toState) {
        Counter.builder(BREAKER_TRANSITIONS)
                .description("Circuit-breaker state changes of account connections")
                .tag("provider", provider.wireName())
                .tag("state", toState)
                .register(registry)
                .increment();
    }

    /**
     * A fault's kind as a tag value: its class name in snake case ({@code TimedOut} → {@code timed_out}), so a
     * fault added to the port gets its own kind without a change here. Anything else is an {@code error}.
     */
    static String kind(Throwable failure) {
        if (failure instanceof ProviderFault || failure instanceof UnsupportedSearch) {
            return failure.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
        return "error";
    }
}
