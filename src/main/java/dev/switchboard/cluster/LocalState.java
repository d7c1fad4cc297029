package dev.switchboard.cluster;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** No Redis configured: one instance, nothing shared. */
final class LocalState implements SharedState {

    static final LocalState INSTANCE = new LocalState();

    private static final Unavailable NOT_CONFIGURED = new Unavailable("Redis is not configured", null);

    private final String id = UUID.randomUUID().toString();

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public boolean available() {
        return false;
    }

    @Override
    public String instanceId() {
        return id;
    }

    @Override
    public @Nullable String get(String key) {
        throw NOT_CONFIGURED;
    }

    @Override
    public void put(String key, String value, Duration ttl, Collection<String> indexes) {
        throw NOT_CONFIGURED;
    }

    @Override
    public long dropIndexed(String index) {
        throw NOT_CONFIGURED;
    }

    @Override
    public boolean lock(String key, String token, Duration ttl) {
        throw NOT_CONFIGURED;
    }

    @Override
    public boolean extend(String key, String token, Duration ttl) {
        throw NOT_CONFIGURED;
    }

    @Override
    public void unlock(String key, String token) {
        throw NOT_CONFIGURED;
    }

    @Override
    public boolean exists(String key) {
        throw NOT_CONFIGURED;
    }

    @Override
    public void announce(String topic, String message) {
        // no other instance to tell
    }

    @Override
    public void listen(String topic, Consumer<String> listener) {
        // nothing will ever be announced
    }

    @Override
    public void onReconnect(Runnable action) {
        // never disconnected
    }

    @Override
    public Bucket budget(String key, Supplier<BucketConfiguration> configuration, Bucket local) {
        return local;
    }
}
