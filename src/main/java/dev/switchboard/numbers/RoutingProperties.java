package dev.switchboard.numbers;

import dev.switchboard.connections.RoutingConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.routing.*}: where held numbers are pointed at their providers, and how that is kept so. An
 * account connection's {@code config} may override the URLs and carries what Telnyx and Vonage route by (see
 * {@link RoutingConfig}).
 *
 * @param voiceUrl the URL template a number's calls go to ({@code {number}}, {@code {number_id}}, {@code {agent_id}}),
 *     e.g. a self-hosted voice engine's inbound endpoint; unset: numbers are pointed nowhere by default
 * @param smsUrl the URL template a number's messages go to; unset: left as the provider has it
 * @param driftCheckPeriod how often every routed number is read back at its provider (drift check)
 * @param driftCheckBatch at most this many numbers per drift check run, least recently checked first
 * @param retry how a routing the provider failed is tried again
 */
@ConfigurationProperties("switchboard.routing")
public record RoutingProperties(
        @Nullable String voiceUrl,
        @Nullable String smsUrl,
        @DefaultValue("10m") Duration driftCheckPeriod,
        @DefaultValue("500") int driftCheckBatch,
        @DefaultValue Retry retry) {

    /** The name of the drift check's lock (ShedLock, when several instances run): one instance runs it at a time. */
    public static final String DRIFT_CHECK_LOCK = "routing-drift-check";

    public RoutingProperties {
        voiceUrl = voiceUrl == null || voiceUrl.isBlank() ? null : voiceUrl.strip();
        smsUrl = smsUrl == null || smsUrl.isBlank() ? null : smsUrl.strip();
        for (var setting : new String[][] {{"voice-url", voiceUrl}, {"sms-url", smsUrl}}) {
            String problem = setting[1] == null ? null : RoutingConfig.templateProblem(setting[1]);
            if (problem != null) {
                throw new IllegalArgumentException("switchboard.routing." + setting[0] + " " + problem);
            }
        }
        if (driftCheckPeriod.isNegative() || driftCheckPeriod.isZero()) {
            throw new IllegalArgumentException("switchboard.routing.drift-check-period must be positive");
        }
        if (driftCheckBatch < 1) {
            throw new IllegalArgumentException("switchboard.routing.drift-check-batch must be 1 or more");
        }
    }

    /**
     * @param interval how often numbers whose routing is pending are looked for (the ones due are tried)
     * @param firstDelay the wait after the first failed attempt; each further failure doubles it
     * @param maxDelay the longest wait between two attempts
     * @param maxAttempts attempts in all (the request's own included); after the last failure the routing is
     *     {@code failed} and {@code number.routing_failed} is published
     */
    public record Retry(@DefaultValue("15s") Duration interval, @DefaultValue("30s") Duration firstDelay,
            @DefaultValue("30m") Duration maxDelay, @DefaultValue("8") int maxAttempts) {

        public Retry {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("switchboard.routing.retry.max-attempts must be 1-100");
            }
            if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("switchboard.routing.retry.first-delay must be positive and at"
                        + " most max-delay");
            }
        }

        /** The wait after the given failed attempt (1 = the first): first-delay × 2^(attempt-1), at most max-delay. */
        public Duration delayAfter(int attempt) {
            Duration delay = firstDelay;
            for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }
}
