package dev.switchboard.events;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/** When a delivery that failed is tried again ({@link WebhooksProperties.Retry}), or null when it is given up. */
final class RetrySchedule {

    private final WebhooksProperties.Retry retry;
    private final DoubleSupplier random;

    RetrySchedule(WebhooksProperties.Retry retry, DoubleSupplier random) {
        this.retry = retry;
        this.random = random;
    }

    /** The wait after the {@code attempts}-th failed attempt, before jitter. */
    Duration baseDelay(int attempts) {
        double millis = retry.initial().toMillis() * Math.pow(retry.multiplier(), Math.max(0, attempts - 1));
        return Duration.ofMillis((long) Math.min(millis, retry.max().toMillis()));
    }

    /**
     * The next attempt after the {@code attempts}-th failed at {@code now}, for an event queued at {@code queuedAt};
     * null when that would fall past the give-up time (the delivery fails).
     */
    @Nullable Instant next(int attempts, Instant now, Instant queuedAt) {
        double spread = 1 + retry.jitter() * (2 * random.getAsDouble() - 1);
        Instant next = now.plusMillis(Math.round(baseDelay(attempts).toMillis() * spread));
        return next.isAfter(queuedAt.plus(retry.giveUpAfter())) ? null : next;
    }
}
