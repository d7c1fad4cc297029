package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.OnEmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Without {@code spring.data.redis.url} or {@code .host}, nothing of Redis exists although the starter is on the class
 * path: no connection factory (Boot's would point at localhost), no health component, and the shared state is the
 * local one, so every feature runs on its own as on one instance.
 */
class WithoutRedisTest extends OnEmbeddedDatabase {

    @Test
    void nothingOfRedisIsCreatedAndHealthHasNoRedisComponent() {
        assertThat(context().getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context().getBeanNamesForType(RedisState.class)).isEmpty();
        assertThat(context().getBean(SharedState.class).configured()).isFalse();
        assertThat(context().getBean(SharedState.class)).isSameAs(SharedState.local());

        var health = api().get("/actuator/health", (String) null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").has("redis")).isFalse();
    }
}
