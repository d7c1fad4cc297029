package dev.switchboard.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.redis.*}: how Switchboard uses Redis once {@code spring.data.redis.url} (or {@code .host}) names
 * one. The connection itself ({@code spring.data.redis.*}: address, password, TLS, {@code timeout}) is Spring Boot's;
 * application.yaml sets its command timeout to tens of milliseconds, so a slow Redis costs a request no more.
 *
 * @param keyPrefix put before every key and pub/sub channel: instances that share state use the same one; different
 *     ones keep several deployments (or test runs) apart on one Redis
 * @param probeInterval during an outage, how often Redis is tried again (no request waits for it meanwhile)
 */
@ConfigurationProperties("switchboard.redis")
public record RedisProperties(
        @DefaultValue("switchboard:") String keyPrefix,
        @DefaultValue("1s") Duration probeInterval) {

    public RedisProperties {
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.redis.probe-interval must be positive");
        }
    }
}
