package dev.switchboard.numbers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.numbers.*}.
 *
 * @param buyAttempts how many numbers a buy by {@code area_code} tries, in the provider's order, when the one it
 *     picked was sold to someone else in the meantime
 * @param reconciliation when pending purchases are settled with their providers
 */
@ConfigurationProperties("switchboard.numbers")
public record NumbersProperties(@DefaultValue("3") int buyAttempts, @DefaultValue Reconciliation reconciliation) {

    public NumbersProperties {
        if (buyAttempts < 1 || buyAttempts > 20) {
            throw new IllegalArgumentException("switchboard.numbers.buy-attempts must be 1-20");
        }
    }

    /**
     * @param interval how often pending purchases are settled (also once at start)
     * @param grace how old a pending purchase must be before it is settled: longer than a purchase request can take
     *     (provider deadline and retries included), so that a request still in flight is left to finish its own
     * @param batch at most this many purchases per run
     */
    public record Reconciliation(@DefaultValue("1m") Duration interval, @DefaultValue("2m") Duration grace,
            @DefaultValue("100") int batch) {}
}
