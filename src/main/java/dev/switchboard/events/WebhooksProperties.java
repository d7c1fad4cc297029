package dev.switchboard.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.webhooks.*}.
 *
 * @param allowPrivateTargets send to loopback, private and other non-public addresses too (off: the SSRF guard;
 *     agents.WebhookTargets reads it)
 * @param delivery the worker that sends queued events
 * @param retry when a failed delivery is tried again
 */
@ConfigurationProperties("switchboard.webhooks")
public record WebhooksProperties(@DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue Delivery delivery, @DefaultValue Retry retry) {

    /**
     * @param interval how often the worker looks for due deliveries
     * @param batch at most this many deliveries claimed per run (sent concurrently)
     * @param lease how long a claimed delivery is the claimer's alone; longer than a request can take
     * @param connectTimeout the deadline to connect to a webhook's host
     * @param readTimeout the longest wait for the answer, or for its next bytes; the whole attempt, body included,
     *     ends by connect timeout plus read timeout
     */
    public record Delivery(@DefaultValue("5s") Duration interval, @DefaultValue("50") int batch,
            @DefaultValue("2m") Duration lease, @DefaultValue("3s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {

        public Delivery {
            if (batch < 1 || batch > 1000) {
                throw new IllegalArgumentException("switchboard.webhooks.delivery.batch must be 1-1000");
            }
            if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
                throw new IllegalArgumentException("switchboard.webhooks.delivery.lease must be longer than "
                        + "connect-timeout + read-timeout, or a slow delivery could be claimed and sent twice");
            }
        }
    }

    /**
     * The retry schedule: the n-th retry waits {@code initial × multiplier^(n-1)}, at most {@code max}, each wait
     * spread by ±{@code jitter} (a fraction); a delivery not through within {@code giveUpAfter} of its event fails.
     */
    public record Retry(@DefaultValue("30s") Duration initial, @DefaultValue("2") double multiplier,
            @DefaultValue("1h") Duration max, @DefaultValue("0.2") double jitter,
            @DefaultValue("24h") Duration giveUpAfter) {

        public Retry {
            if (multiplier < 1 || jitter < 0 || jitter >= 1 || initial.isNegative() || initial.isZero()) {
                throw new IllegalArgumentException("switchboard.webhooks.retry: initial > 0, multiplier >= 1, "
                        + "0 <= jitter < 1");
            }
        }
    }
}
