package dev.switchboard.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/**
 * Where request budgets (Bucket4j token buckets) live, by name: {@link SharedBudgetStore} keeps them in Redis when it
 * is configured (shared by every instance), and in this JVM otherwise or while Redis does not answer.
 */
public interface BudgetStore {

    /** The bucket named {@code key}, created with {@code configuration} the first time it is asked for. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
}
