package dev.switchboard.telephony.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.cluster.SharedState;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyProviderName;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * One budget of calls a second per provider account ({@code switchboard.providers.<provider>.max-calls-per-second}),
 * kept in Redis and so shared by every instance while Redis answers, else in this instance. An account is its
 * credentials (their {@link CredentialFingerprint}): two connections with the same credentials share one budget.
 *
 * <p>The bucket holds one token and refills {@code max-calls-per-second} a second, evenly: in any one second an
 * account gets at most that many calls, plus one. A call that finds none takes its turn (a reservation, first come
 * first served) when it comes within half of what remains of its deadline, and waits for it; otherwise it is refused
 * at once with {@link ProviderFault.RateLimited} and the time until a turn, which the caller gets as 503 {@code
 * provider-rate-limited} with {@code Retry-After}. Half, as for retries: the call needs the other half to answer.
 */
final class ProviderBudgets {

    private record Key(TelephonyProviderName provider, String account) {}

    private final ProvidersProperties properties;
    private final SharedState shared;
    private final CredentialFingerprint fingerprint;
    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    ProviderBudgets(ProvidersProperties properties, SharedState shared, CredentialFingerprint fingerprint) {
        this.properties = properties;
        this.shared = shared;
        this.fingerprint = fingerprint;
    }

    /**
     * Takes one call from the account's budget, waiting for its turn when that fits the deadline.
     *
     * @throws ProviderFault.RateLimited when the turn comes too late for the deadline
     */
    void spend(ProviderAccount account, Deadline deadline) {
        TelephonyProviderName provider = account.provider();
        int perSecond = properties.maxCallsPerSecond(provider);
        if (perSecond <= 0) {
            return;
        }
        Key key = new Key(provider, fingerprint.of(account.credentials()));
        Bucket bucket = buckets.get(key, k -> {
            BucketConfiguration configuration = configuration(perSecond);
            Bucket local = Bucket.builder().addLimit(configuration.getBandwidths()[0]).build();
            return shared.budget("budget:" + provider.wireName() + ":" + k.account(), () -> configuration, local);
        });
        if (bucket.tryConsume(1)) {
            return;
        }
        Duration maxWait = Duration.ofNanos(Math.max(0, deadline.remainingNanos() / 2));
        try {
            if (bucket.asBlocking().tryConsume(1, maxWait, BlockingStrategy.PARKING)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(provider, null, "The call to " + provider + " was interrupted", e);
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        throw new ProviderFault.RateLimited(provider, Duration.ofNanos(Math.max(nanos, 1_000_000_000L)), perSecond);
    }

    static BucketConfiguration configuration(int perSecond) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
