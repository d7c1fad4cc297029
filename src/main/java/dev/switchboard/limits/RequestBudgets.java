package dev.switchboard.limits;

import dev.switchboard.web.TooManyRequests;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The request budgets: each API key may make {@code per-key-per-second} requests a second with bursts of
 * {@code per-key-burst}, and each client address {@code failed-auth-per-minute} failed authentications a minute.
 * A spent budget answers 429 with {@code Retry-After} and the IETF draft's {@code RateLimit} / {@code
 * RateLimit-Policy} headers (draft-ietf-httpapi-ratelimit-headers-09), which every admitted request carries as well.
 */
@Component
public class RequestBudgets {

    static final String KEY_POLICY = "api-key";
    static final String FAILED_AUTH_POLICY = "failed-auth";

    private final BudgetStore store;
    private final BucketConfiguration perKey;
    private final BucketConfiguration failedAuth;
    private final long burst;
    private final long perSecond;
    private final String keyPolicy;
    private final String failedAuthPolicy;

    RequestBudgets(BudgetStore store, RateLimitProperties properties) {
        this.store = store;
        this.burst = properties.burst();
        this.perSecond = properties.perKeyPerSecond();
        // greedy refill: tokens trickle back continuously rather than all at once each second
        this.perKey = BucketConfiguration.builder().addLimit(Bandwidth.builder()
                .capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build()).build();
        this.failedAuth = BucketConfiguration.builder().addLimit(Bandwidth.builder()
                .capacity(properties.failedAuthPerMinute())
                .refillGreedy(properties.failedAuthPerMinute(), Duration.ofMinutes(1)).build()).build();
        long window = Math.max(1, (burst + perSecond - 1) / perSecond);
        this.keyPolicy = "\"" + KEY_POLICY + "\";q=" + burst + ";w=" + window;
        this.failedAuthPolicy = "\"" + FAILED_AUTH_POLICY + "\";q=" + properties.failedAuthPerMinute() + ";w=60";
    }

    /**
     * Takes one request from the budget of API key {@code keyId}; the headers to answer with.
     *
     * @throws TooManyRequests when the key's budget is spent
     */
    public Map<String, String> admitKey(String keyId) {
        ConsumptionProbe probe = store.bucket("key:" + keyId, () -> perKey).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            long consumed = burst - probe.getRemainingTokens();
            long secondsToFull = consumed <= 0 ? 0 : ceilSeconds(consumed * 1_000_000_000L / perSecond);
            return Map.of("RateLimit-Policy", keyPolicy,
                    "RateLimit", "\"" + KEY_POLICY + "\";r=" + probe.getRemainingTokens() + ";t=" + secondsToFull);
        }
        Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
        throw new TooManyRequests("This API key made more than " + perSecond + " requests a second (bursts of " + burst
                + "); retry after the Retry-After delay", wait, Map.of("RateLimit-Policy", keyPolicy,
                "RateLimit", "\"" + KEY_POLICY + "\";r=0;t=" + ceilSeconds(wait.toNanos())));
    }

    /**
     * Refuses, without spending anything, a client address that used up its failed authentications: the caller
     * then asks no database about the key it sent.
     *
     * @throws TooManyRequests when the address's budget is spent
     */
    public void checkAddress(String address) {
        var bucket = store.bucket("auth:" + address, () -> failedAuth);
        if (bucket.getAvailableTokens() <= 0) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            throw new TooManyRequests("Too many failed authentications from this address; retry after the"
                    + " Retry-After delay", Duration.ofNanos(nanos), Map.of("RateLimit-Policy", failedAuthPolicy,
                    "RateLimit", "\"" + FAILED_AUTH_POLICY + "\";r=0;t=" + ceilSeconds(nanos)));
        }
    }

    /** Counts one failed authentication against the client address. */
    public void failedAuthentication(String address) {
        store.bucket("auth:" + address, () -> failedAuth).tryConsume(1);
    }

    private static long ceilSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
