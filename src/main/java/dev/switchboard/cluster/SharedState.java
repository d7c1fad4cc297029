package dev.switchboard.cluster;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the instances of one Switchboard share: values with a time to live, short locks, token buckets, and
 * announcements (pub/sub). Backed by Redis when it is configured; otherwise {@link #local()}, where nothing is shared.
 * Keys and topics are relative: the store puts {@code switchboard.redis.key-prefix} before them. Never store a
 * secret here.
 *
 * <p>Every operation that needs Redis either answers or throws {@link Unavailable} within the command timeout
 * (tens of milliseconds), at once while an outage is known; the caller then does what it would do alone. An outage
 * is logged once, and once more when Redis is back.
 */
public interface SharedState {

    /** One instance alone: nothing shared, nothing to connect to; every shared operation is {@link Unavailable}. */
    static SharedState local() {
        return LocalState.INSTANCE;
    }

    /** Whether Redis is configured at all (false: one instance keeps everything itself). */
    boolean configured();

    /** Whether the shared state answers now: configured and not in a known outage. */
    boolean available();

    /** This instance's identity among the others, for telling its own announcements from theirs. */
    String instanceId();

    /** The value under {@code key}, or null when there is none. */
    @Nullable String get(String key);

    /**
     * Keeps {@code value} under {@code key} for {@code ttl}, and adds {@code key} to each of the sets named {@code
     * indexes} (which live as long), so that {@link #dropIndexed} can drop every value listed in one of them.
     */
    void put(String key, String value, Duration ttl, Collection<String> indexes);

    /** Drops every value listed in the set {@code index}, and the set; how many were listed. */
    long dropIndexed(String index);

    /** Takes the lock {@code key} for {@code ttl} under {@code token} unless someone holds it; whether taken. */
    boolean lock(String key, String token, Duration ttl);

    /** Extends a lock this {@code token} still holds by {@code ttl}; false when it no longer holds it. */
    boolean extend(String key, String token, Duration ttl);

    /** Releases the lock if {@code token} still holds it. */
    void unlock(String key, String token);

    /** Whether {@code key} holds anything (a value or a lock). */
    boolean exists(String key);

    /** Tells every instance listening on {@code topic}, this one included; never throws (lost during an outage). */
    void announce(String topic, String message);

    /** Calls {@code listener} with each message announced on {@code topic}, on a thread of the subscription. */
    void listen(String topic, Consumer<String> listener);

    /**
     * Runs {@code action} whenever Redis comes back after an outage: announcements made meanwhile were lost, so
     * whoever caches what they would have invalidated should drop it.
     */
    void onReconnect(Runnable action);

    /**
     * The token bucket named {@code key}, shared by every instance while Redis answers, else {@code local} (this
     * instance's own, which the caller keeps so its state survives across calls).
     */
    Bucket budget(String key, Supplier<BucketConfiguration> configuration, Bucket local);

    /** Redis did not answer (down, slow past the command timeout, or a known outage): do it alone. */
    final class Unavailable extends RuntimeException {
        Unavailable(String message, @Nullable Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
