package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.RedisServer;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Two {@link RedisState}s on one Redis of the test's own, as two instances see it, and what each does without it. */
@ExtendWith(RedisServer.Installed.class)
class RedisStateTest {

    private static final BucketConfiguration TEN_A_MINUTE = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(10).refillGreedy(10, Duration.ofMinutes(1)).build()).build();

    private RedisServer redis;
    private LettuceConnectionFactory factoryA;
    private LettuceConnectionFactory factoryB;
    private RedisState a;
    private RedisState b;

    @BeforeEach
    void twoInstances() {
        redis = RedisServer.start();
        RedisProperties properties = new RedisProperties(RedisServer.keyPrefix(), Duration.ofMillis(200));
        factoryA = factory();
        factoryB = factory();
        a = new RedisState(template(factoryA), factoryA, properties);
        b = new RedisState(template(factoryB), factoryB, properties);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        factoryA.destroy();
        factoryB.destroy();
        redis.close();
    }

    @Test
    void aBudgetIsSharedAndFallsBackToTheLocalBucketWhenRedisIsDown() {
        Bucket onA = a.budget("budget", () -> TEN_A_MINUTE, local());
        Bucket onB = b.budget("budget", () -> TEN_A_MINUTE, local());
        int granted = 0;
        for (int i = 0; i < 20; i++) {
            granted += (i % 2 == 0 ? onA : onB).tryConsume(1) ? 1 : 0;
        }
        assertThat(granted).as("ten for both together").isEqualTo(10);
        assertThat(onB.tryConsumeAndReturnRemaining(1).isConsumed()).isFalse();

        redis.stop();
        assertThat(onA.tryConsume(1)).as("A's own bucket, full").isTrue();
        assertThat(a.available()).isFalse();
        assertThat(onA.getAvailableTokens()).isEqualTo(9);
    }

    @Test
    void aLockIsHeldByOneAndExtendedOnlyByItsHolder() {
        assertThat(a.lock("lock", "a", Duration.ofSeconds(5))).isTrue();
        assertThat(b.lock("lock", "b", Duration.ofSeconds(5))).isFalse();
        assertThat(b.extend("lock", "b", Duration.ofSeconds(5))).isFalse();
        assertThat(a.extend("lock", "a", Duration.ofSeconds(5))).isTrue();
        b.unlock("lock", "b");
        assertThat(b.exists("lock")).isTrue();
        a.unlock("lock", "a");
        assertThat(b.exists("lock")).isFalse();
    }

    @Test
    void indexedValuesAreDroppedTogether() {
        a.put("one", "1", Duration.ofMinutes(1), List.of("index:x", "index:y"));
        a.put("two", "2", Duration.ofMinutes(1), List.of("index:y"));
        assertThat(b.get("one")).isEqualTo("1");
        assertThat(b.dropIndexed("index:x")).isEqualTo(1);
        assertThat(b.get("one")).isNull();
        assertThat(b.get("two")).isEqualTo("2");
    }

    @Test
    void announcementsReachTheOtherInstanceAndResumeAfterAnOutage() throws Exception {
        LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> reconnected = new LinkedBlockingQueue<>();
        b.listen("topic", heard::add);
        b.onReconnect(() -> reconnected.add("again"));
        awaitSubscribed(heard);

        redis.stop();
        assertThatThrownBy(() -> b.get("anything")).isInstanceOf(SharedState.Unavailable.class);
        assertThat(b.available()).isFalse();
        long start = System.nanoTime();
        assertThatThrownBy(() -> b.get("anything")).isInstanceOf(SharedState.Unavailable.class);
        assertThat(System.nanoTime() - start).as("fails at once during a known outage")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        a.announce("topic", "lost"); // never throws

        redis.startAgain();
        assertThat(reconnected.poll(10, TimeUnit.SECONDS)).as("the probe saw Redis back").isEqualTo("again");
        assertThat(b.available()).isTrue();
        heard.clear();
        awaitSubscribed(heard);
    }

    /** Announces until B hears it (Lettuce subscribes in the background, and resubscribes after a reconnect). */
    private void awaitSubscribed(LinkedBlockingQueue<String> heard) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String message = null;
        while (message == null) {
            assertThat(System.nanoTime()).as("B subscribed within 10 s").isLessThan(end);
            try {
                a.announce("topic", "hello");
            } catch (SharedState.Unavailable notYet) {
                // A's own connection reconnecting
            }
            message = heard.poll(200, TimeUnit.MILLISECONDS);
        }
        assertThat(message).isEqualTo("hello");
    }

    private static Bucket local() {
        return Bucket.builder().addLimit(TEN_A_MINUTE.getBandwidths()[0]).build();
    }

    private LettuceConnectionFactory factory() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static StringRedisTemplate template(LettuceConnectionFactory factory) {
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }
}
