package dev.switchboard.cluster;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The shared state in Redis (Spring Data Redis on Lettuce; token buckets through Bucket4j's Lettuce backend).
 *
 * <p>Outages: the first failed command marks Redis down and logs one warning; from then on every operation throws
 * {@link Unavailable} at once, without touching the network, while a background probe pings Redis every {@code
 * probe-interval}. The first success of the probe logs one line, and runs the reconnect actions. Lettuce
 * reconnects its connections by itself and resubscribes the pub/sub one; that one is first made in the background
 * (retried every {@code probe-interval}), so a Redis down at start-up neither fails nor slows the start.
 */
final class RedisState implements SharedState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisState.class);

    private static final RedisScript<Long> PUT = new DefaultRedisScript<>("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            for i = 2, #KEYS do
              redis.call('SADD', KEYS[i], KEYS[1])
              redis.call('PEXPIRE', KEYS[i], ARGV[2])
            end
            return 1""", Long.class);
    private static final RedisScript<Long> DROP_INDEXED = new DefaultRedisScript<>("""
            local listed = redis.call('SMEMBERS', KEYS[1])
            for _, key in ipairs(listed) do redis.call('DEL', key) end
            redis.call('DEL', KEYS[1])
            return #listed""", Long.class);
    private static final RedisScript<Long> EXTEND = new DefaultRedisScript<>("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""", Long.class);
    private static final RedisScript<Long> UNLOCK = new DefaultRedisScript<>("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""", Long.class);

    private static final long FLAP_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String id = UUID.randomUUID().toString();
    private final StringRedisTemplate redis;
    private final LettuceConnectionFactory factory;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> subscription;
    private final String prefix;
    private final long probeNanos;
    private final String where;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong nextProbe = new AtomicLong();
    /** When Redis last came back; a failure soon after is the same outage's tail (a connection still reconnecting). */
    private volatile long recoveredAt = System.nanoTime() - FLAP_WINDOW_NANOS;
    /** Whether the current outage was logged, so that its end is logged too, and only then. */
    private volatile boolean outageLogged;
    private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("redis-probe").factory());
    private final Object bucketsLock = new Object();
    private volatile @Nullable ProxyManager<byte[]> buckets;
    private volatile @Nullable StatefulRedisConnection<byte[], byte[]> bucketConnection;

    RedisState(StringRedisTemplate redis, LettuceConnectionFactory factory, RedisProperties properties) {
        this.redis = redis;
        this.factory = factory;
        this.prefix = properties.keyPrefix();
        this.probeNanos = properties.probeInterval().toNanos();
        this.where = factory.getHostName() + ":" + factory.getPort();
        prober.execute(this::warmUp);
        prober.execute(this::subscribe);
    }

    /** Connects before the first request needs it (the handshake is slower than a command); quiet if Redis is down. */
    private void warmUp() {
        try {
            redis.execute(connection -> connection.ping(), true);
        } catch (RuntimeException notYet) {
            // the first request will find out, and fall back
        }
    }

    /** Makes the pub/sub connection and subscribes every topic listened to; retried until Redis answers. */
    private void subscribe() {
        try {
            StatefulRedisPubSubConnection<String, String> connection =
                    ((RedisClient) factory.getRequiredNativeClient()).connectPubSub(StringCodec.UTF8);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
                        try {
                            listener.accept(message);
                        } catch (RuntimeException e) {
                            log.warn("Handling a message on {} failed: {}", channel, e.toString());
                        }
                    }
                }
            });
            subscription = connection;
            String[] channels = listeners.keySet().toArray(String[]::new);
            if (channels.length > 0) {
                connection.async().subscribe(channels);
            }
        } catch (RuntimeException notYet) {
            prober.schedule(this::subscribe, probeNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public boolean available() {
        return !down.get();
    }

    @Override
    public String instanceId() {
        return id;
    }

    @Override
    public @Nullable String get(String key) {
        return run(() -> redis.opsForValue().get(prefix + key));
    }

    @Override
    public void put(String key, String value, Duration ttl, Collection<String> indexes) {
        List<String> keys = new ArrayList<>(indexes.size() + 1);
        keys.add(prefix + key);
        indexes.forEach(index -> keys.add(prefix + index));
        run(() -> redis.execute(PUT, keys, value, Long.toString(Math.max(1, ttl.toMillis()))));
    }

    @Override
    public long dropIndexed(String index) {
        Long dropped = run(() -> redis.execute(DROP_INDEXED, List.of(prefix + index)));
        return dropped == null ? 0 : dropped;
    }

    @Override
    public boolean lock(String key, String token, Duration ttl) {
        return Boolean.TRUE.equals(run(() -> redis.opsForValue().setIfAbsent(prefix + key, token, positive(ttl))));
    }

    @Override
    public boolean extend(String key, String token, Duration ttl) {
        Long extended = run(() -> redis.execute(EXTEND, List.of(prefix + key), token,
                Long.toString(positive(ttl).toMillis())));
        return extended != null && extended == 1;
    }

    @Override
    public void unlock(String key, String token) {
        run(() -> redis.execute(UNLOCK, List.of(prefix + key), token));
    }

    @Override
    public boolean exists(String key) {
        return Boolean.TRUE.equals(run(() -> redis.hasKey(prefix + key)));
    }

    @Override
    public void announce(String topic, String message) {
        try {
            run(() -> redis.convertAndSend(prefix + topic, message));
        } catch (Unavailable lost) {
            // the others miss it; they drop their caches when Redis is back (onReconnect)
        }
    }

    @Override
    public void listen(String topic, Consumer<String> listener) {
        String channel = prefix + topic;
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        StatefulRedisPubSubConnection<String, String> connection = subscription;
        if (connection != null) {
            connection.async().subscribe(channel); // again if already: harmless
        }
    }

    @Override
    public void onReconnect(Runnable action) {
        reconnectActions.add(action);
    }

    @Override
    public Bucket budget(String key, Supplier<BucketConfiguration> configuration, Bucket local) {
        return FailoverBucket.of(() -> bucketManager().builder()
                .build((prefix + key).getBytes(StandardCharsets.UTF_8), configuration), local, this);
    }

    /** Pings Redis (through the probe rules: at once Unavailable during an outage, between probes). */
    void ping() {
        run(() -> redis.execute(connection -> connection.ping(), true));
    }

    /**
     * Runs one command: at once {@link Unavailable} during a known outage; otherwise the command, whose failure
     * starts an outage.
     */
    <T> T run(Supplier<T> command) {
        if (down.get()) {
            throw new Unavailable("Redis at " + where + " is unreachable", null);
        }
        try {
            return command.get();
        } catch (RuntimeException e) {
            failed(e);
            throw new Unavailable("Redis at " + where + " did not answer: " + e.getMessage(), e);
        }
    }

    /** A command failed: the outage starts (logged once) and the probe runs until Redis answers again. */
    void failed(RuntimeException cause) {
        if (down.compareAndSet(false, true)) {
            if (System.nanoTime() - recoveredAt > FLAP_WINDOW_NANOS) {
                outageLogged = true;
                log.warn("Redis at {} is unreachable ({}): each instance falls back to its own cache, budgets and"
                        + " circuit breakers until it is back", where, rootMessage(cause));
            }
            nextProbe.set(System.nanoTime() + probeNanos);
            prober.schedule(this::probe, probeNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void probe() {
        boolean back;
        try {
            redis.execute(connection -> connection.ping(), true);
            // and every connection of ours has reconnected, or the first command on one would start a new outage
            StatefulRedisConnection<byte[], byte[]> bucketsOn = bucketConnection;
            StatefulRedisPubSubConnection<String, String> subscribedOn = subscription;
            back = (bucketsOn == null || bucketsOn.isOpen()) && (subscribedOn == null || subscribedOn.isOpen());
        } catch (RuntimeException stillDown) {
            back = false;
        }
        if (!back) {
            prober.schedule(this::probe, probeNanos, TimeUnit.NANOSECONDS);
            return;
        }
        recoveredAt = System.nanoTime();
        if (down.compareAndSet(true, false)) {
            if (outageLogged) {
                outageLogged = false;
                log.info("Redis at {} answers again: the instances share their state again", where);
            }
            for (Runnable action : reconnectActions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.warn("A reconnect action failed: {}", e.toString());
                }
            }
        }
    }

    private ProxyManager<byte[]> bucketManager() {
        ProxyManager<byte[]> manager = buckets;
        if (manager != null) {
            return manager;
        }
        synchronized (bucketsLock) {
            if (buckets == null) {
                // A connection of its own, in bytes, as Bucket4j wants it; made on first use (Redis may be down at
                // start), then kept: Lettuce reconnects it. Same client, so same command timeout and options.
                StatefulRedisConnection<byte[], byte[]> connection =
                        ((RedisClient) factory.getRequiredNativeClient()).connect(ByteArrayCodec.INSTANCE);
                bucketConnection = connection;
                buckets = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy
                                .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                        .build();
            }
            return buckets;
        }
    }

    private static Duration positive(Duration ttl) {
        return ttl.toMillis() < 1 ? Duration.ofMillis(1) : ttl;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        prober.shutdownNow();
        StatefulRedisPubSubConnection<String, String> pubSub = subscription;
        if (pubSub != null) {
            pubSub.closeAsync();
        }
        StatefulRedisConnection<byte[], byte[]> connection = bucketConnection;
        if (connection != null) {
            connection.closeAsync();
        }
    }
}
