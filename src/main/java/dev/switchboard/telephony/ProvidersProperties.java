package dev.switchboard.telephony;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.providers.*}: how Switchboard reaches the providers. The defaults are declared here and only here
 * (application.yaml does not repeat them; README's configuration table documents them).
 *
 * @param timeout the deadline of every provider call (port call), retries and their waits included
 * @param cacheTtl how long the answer to a search of numbers on sale is kept and shared; zero turns the cache off
 * @param cacheMaxEntries the most searches kept at once (least used go first); one page of twenty numbers holds
 *     about 20 KB of heap
 * @param retry retries of idempotent reads on provider failures
 * @param circuitBreaker the circuit breaker kept per account connection
 * @param maxConcurrentCalls the most provider calls this instance has under way at once; a call waits (within its
 *     deadline) for one to end. Each call in flight holds its request's memory: without a bound, a burst beyond what
 *     the instance can serve fills the heap and the time goes to garbage collection (see bench/RESULTS.md)
 */
@ConfigurationProperties("switchboard.providers")
public record ProvidersProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Twilio twilio,
        @DefaultValue Telnyx telnyx,
        @DefaultValue Vonage vonage,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("1000") long cacheMaxEntries,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue("512") int maxConcurrentCalls) {

    public ProvidersProperties {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("switchboard.providers.max-concurrent-calls must be at least 1");
        }
    }

    /**
     * @param enabled whether the built-in sandbox provider may be used (operators may turn it off)
     * @param seed what the sandbox draws its numbers from: the same seed gives the same inventory and the same
     *     owned numbers on every run and every machine, so demos and tests can name exact numbers
     */
    public record Sandbox(@DefaultValue("true") boolean enabled, @DefaultValue("8675309") long seed) {}

    /**
     * The calls a second Switchboard makes to one provider account (one set of credentials), all instances together
     * when they share Redis; each instance on its own otherwise. Calls beyond it wait for their turn within half of
     * what remains of their deadline, or answer 503 {@code provider-rate-limited} with {@code Retry-After}. 0: no
     * budget.
     */
    public int maxCallsPerSecond(TelephonyProviderName provider) {
        return switch (provider) {
            case TWILIO -> twilio.maxCallsPerSecond();
            case TELNYX -> telnyx.maxCallsPerSecond();
            case VONAGE -> vonage.maxCallsPerSecond();
            case SANDBOX -> 0;
        };
    }

    /**
     * @param baseUrl Twilio's REST API root; tests and benchmarks point it at an emulator
     * @param maxCallsPerSecond the account's budget of calls a second. Twilio documents no per-second rate for its
     *     phone-number APIs; it bounds each account to 100 concurrent REST requests (error 20429, "Too many requests",
     *     twilio.com/docs/api/errors/20429), so 100 a second stays under it at any answer time above one second
     */
    public record Twilio(@DefaultValue("https://api.twilio.com") URI baseUrl,
            @DefaultValue("100") int maxCallsPerSecond) {
        public Twilio {
            checkBudget("twilio", maxCallsPerSecond);
        }
    }

    /**
     * @param baseUrl Telnyx's API root (the adapter adds {@code /v2/...}); tests point it at an emulator
     * @param maxCallsPerSecond the account's budget of calls a second. Telnyx publishes no figure: its limits are
     *     "typically static, but subject to change" and reported per answer in {@code x-ratelimit-*} headers, with
     *     429 code 10011 past them (developers.telnyx.com, API fundamentals, Rate limiting); 20 a second is a
     *     cautious default, to be raised to what those headers show for the account
     */
    public record Telnyx(@DefaultValue("https://api.telnyx.com") URI baseUrl,
            @DefaultValue("20") int maxCallsPerSecond) {
        public Telnyx {
            checkBudget("telnyx", maxCallsPerSecond);
        }
    }

    /**
     * @param baseUrl the root of Vonage's (formerly Nexmo's) REST API, where {@code /number/search} and {@code
     *     /account/numbers} live; tests and benchmarks point it at an emulator
     * @param maxCallsPerSecond the account's budget of calls a second: Vonage sets "30 API requests per second" on
     *     every API key by default (api.support.vonage.com, "What is the Throughput Limit for Outbound SMS?")
     */
    public record Vonage(@DefaultValue("https://rest.nexmo.com") URI baseUrl,
            @DefaultValue("30") int maxCallsPerSecond) {
        public Vonage {
            checkBudget("vonage", maxCallsPerSecond);
        }
    }

    private static void checkBudget(String provider, int maxCallsPerSecond) {
        if (maxCallsPerSecond < 0) {
            throw new IllegalArgumentException(
                    "switchboard.providers." + provider + ".max-calls-per-second must be 0 (no budget) or more");
        }
    }

    /**
     * Retries of idempotent reads (searches, findOwned, release) on a provider failure worth retrying: a 5xx, a
     * refused or reset connection, an unreadable answer, or a 429 whose Retry-After is short. A retry starts only
     * when its wait leaves at least half of what remains of {@code timeout}; buying is never retried.
     *
     * @param maxAttempts attempts in all, the first included (1 turns retries off)
     * @param initialBackoff the wait before the first retry, before jitter
     * @param multiplier how much each further wait grows
     * @param jitter the random spread of each wait, 0–1 (0.5: anywhere from half to one and a half times it)
     * @param maxBackoff the longest wait, before jitter
     */
    public record Retry(
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.5") double jitter,
            @DefaultValue("1s") Duration maxBackoff) {

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("switchboard.providers.retry.max-attempts must be at least 1");
            }
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "switchboard.providers.retry: initial-backoff must be positive and max-backoff at least it");
            }
            if (multiplier < 1 || jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException(
                        "switchboard.providers.retry: multiplier must be at least 1 and jitter in [0, 1)");
            }
        }
    }

    /**
     * The circuit breaker of each account connection. It counts the connection's provider calls that failed on
     * the provider's side (5xx, refused or reset connection, unreadable answer, timeout); once at least {@code
     * minimumCalls} of the last {@code windowSize} calls were made and {@code failureRateThreshold} percent of
     * them failed, it opens: for {@code openDuration} calls answer 503 without reaching the provider, then {@code
     * halfOpenCalls} trial calls decide whether it closes again.
     *
     * @param maxTracked the most connections whose breaker is kept at once (least recently used go first)
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int windowSize,
            @DefaultValue("5") int minimumCalls,
            @DefaultValue("30s") Duration openDuration,
            @DefaultValue("2") int halfOpenCalls,
            @DefaultValue("10000") long maxTracked) {

        public CircuitBreaker {
            if (failureRateThreshold <= 0 || failureRateThreshold > 100 || windowSize < 1 || minimumCalls < 1
                    || halfOpenCalls < 1 || maxTracked < 1 || openDuration.isNegative() || openDuration.isZero()) {
                throw new IllegalArgumentException("switchboard.providers.circuit-breaker: failure-rate-threshold"
                        + " must be in (0, 100], open-duration positive and the counts at least 1");
            }
        }
    }
}
