package dev.switchboard.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/**
 * Where request budgets (Bucket4j token buckets) live, by name. The seam for sharing them between instances: today
 * {@link InMemoryBudgetStore} keeps them in this JVM, so each instance grants the full budget; a Redis-backed store
 * (Bucket4j's {@code LettuceBasedProxyManager}: {@code proxyManager.builder().build(key, configuration)} returns a
 * {@code Bucket} as well) replaces it as a bean of this type, and no caller changes.
 */
public interface BudgetStore {

    /** The bucket named {@code key}, created with {@code configuration} the first time it is asked for. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
}
