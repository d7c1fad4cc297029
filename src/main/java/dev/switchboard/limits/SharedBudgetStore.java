package dev.switchboard.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.cluster.SharedState;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Budgets in Redis when it is configured (Bucket4j's Lettuce backend, through {@link SharedState#budget}): every
 * instance then spends from the same bucket, so a key gets {@code per-key-per-second} across all of them. Each bucket
 * has a twin in this JVM that answers whenever Redis does not (down, slow, or not configured), so a budget is never
 * refused by an outage; during one, each instance grants the full budget on its own. The handles are kept per name,
 * dropped after ten idle minutes (by then a bucket is full again, so dropping it changes nothing) and bounded in
 * number, so a flood of distinct client addresses cannot fill the heap.
 */
@Component
class SharedBudgetStore implements BudgetStore {

    private final SharedState shared;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    SharedBudgetStore(SharedState shared) {
        this.shared = shared;
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.get(key, k -> {
            BucketConfiguration config = configuration.get();
            var builder = Bucket.builder();
            for (var limit : config.getBandwidths()) {
                builder.addLimit(limit);
            }
            return shared.budget("rate:" + k, () -> config, builder.build());
        });
    }
}
