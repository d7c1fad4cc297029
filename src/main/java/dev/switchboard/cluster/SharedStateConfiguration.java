package dev.switchboard.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link SharedState} bean: in Redis when {@code spring.data.redis.url} or {@code .host} is set, else local (and
 * then nothing below the first bean exists: no connection, no thread, no health contributor).
 */
@Configuration(proxyBeanMethods = false)
class SharedStateConfiguration {

    /** The health status of an instance whose Redis does not answer: it serves, alone (HTTP 200, still ready). */
    static final Status DEGRADED = new Status("DEGRADED", "Redis is unreachable: this instance runs on local state");

    @Bean
    @Conditional(RedisConfigured.Absent.class)
    SharedState localState() {
        return SharedState.local();
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisConfigured.class)
    static class InRedis {

        @Bean(destroyMethod = "close")
        RedisState sharedState(StringRedisTemplate redis, RedisConnectionFactory factory, RedisProperties properties) {
            return new RedisState(redis, (LettuceConnectionFactory) factory, properties);
        }

        /**
         * Fail fast while disconnected (Lettuce would otherwise queue commands until the timeout), time every command
         * out (spring.data.redis.timeout, a few tens of ms), and connect within a second.
         */
        @Bean
        LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
            return options -> options
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .autoReconnect(true)
                    .timeoutOptions(TimeoutOptions.enabled())
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build());
        }

        /**
         * {@code redis} in /actuator/health: UP, or DEGRADED (HTTP 200; readiness left UP: the instance serves from
         * its local state) while Redis does not answer. Replaces Boot's own, which would report the service DOWN.
         */
        @Bean
        HealthIndicator redisHealthIndicator(RedisState state) {
            return () -> {
                try {
                    state.ping();
                    return Health.up().build();
                } catch (SharedState.Unavailable unavailable) {
                    return Health.status(DEGRADED).build();
                }
            };
        }
    }
}
