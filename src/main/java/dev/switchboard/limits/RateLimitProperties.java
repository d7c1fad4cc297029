package dev.switchboard.limits;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.rate-limit.*}: request budgets.
 *
 * @param perKeyPerSecond requests a second each API key may make, sustained
 * @param perKeyBurst requests an API key may make at once after a pause; unset: twice {@code perKeyPerSecond}
 * @param failedAuthPerMinute failed authentications (unknown, revoked or malformed keys, a wrong admin token) a client
 *     address may make a minute; past it, a key that is not already known to this instance is refused with 429
 *     without a database query
 */
@ConfigurationProperties("switchboard.rate-limit")
public record RateLimitProperties(
        @DefaultValue("20") long perKeyPerSecond,
        @Nullable Long perKeyBurst,
        @DefaultValue("30") long failedAuthPerMinute) {

    public RateLimitProperties {
        if (perKeyPerSecond < 1 || failedAuthPerMinute < 1 || (perKeyBurst != null && perKeyBurst < 1)) {
            throw new IllegalArgumentException("switchboard.rate-limit.* must be positive");
        }
    }

    long burst() {
        return perKeyBurst != null ? perKeyBurst : 2 * perKeyPerSecond;
    }
}
