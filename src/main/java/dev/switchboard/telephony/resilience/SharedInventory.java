package dev.switchboard.telephony.resilience;

import dev.switchboard.cluster.SharedState;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second tier of {@link InventoryCache}, shared by the instances through Redis, and their single flight: of an
 * identical burst spread over the instances, one instance asks the provider and the others take its answer.
 *
 * <p>On a miss in its own cache an instance looks in Redis; on a miss there it takes a short lock for the search
 * ({@code SET NX}, {@value #LOCK_TTL_MILLIS} ms, renewed while its call lasts) and calls the provider; the others
 * find the lock taken and poll for the answer (5 ms, doubling to 50 ms) within their deadline. When the lock goes
 * without an answer (the call failed, or its instance died and the lock ran out), they call the provider themselves.
 * Answers are kept for {@code cache-ttl}, as JSON, under a SHA-256 of the cache key: provider, connection,
 * credentials' fingerprint and search, never a secret. Each number of an answer lists the entry, so buying it drops
 * the entry on every instance (and an announcement drops it from their own caches).
 *
 * <p>Redis down or slow: {@link SharedState.Unavailable} at once, and the instance calls the provider itself.
 */
final class SharedInventory {

    static final String FORGET_TOPIC = "inventory-forget";
    static final long LOCK_TTL_MILLIS = 2_000;
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LONGEST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final SharedState shared;
    private final Duration ttl;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile @Nullable ScheduledExecutorService renewals;

    SharedInventory(SharedState shared, Duration ttl) {
        this.shared = shared;
        this.ttl = ttl;
    }

    /** A number another instance announced bought (on {@link #FORGET_TOPIC}). */
    record Forgotten(TelephonyProviderName provider, String phoneNumber) {}

    /**
     * The number another instance announced bought in this message of {@link #FORGET_TOPIC}; empty for this
     * instance's own announcement, or a message it cannot read. Whoever keeps answers drops it from its own.
     */
    Optional<Forgotten> forgottenElsewhere(String message) {
        String[] parts = message.split("\\|", 3);
        if (parts.length != 3 || parts[2].equals(shared.instanceId())) {
            return Optional.empty();
        }
        return TelephonyProviderName.fromWireName(parts[0]).map(provider -> new Forgotten(provider, parts[1]));
    }

    /** The answer from Redis, or from the instance that holds the search's lock, or else from {@code call}. */
    AvailableNumbersPage load(InventoryKey key, Deadline deadline, Supplier<AvailableNumbersPage> call) {
        if (!shared.available()) {
            return call.get();
        }
        String entry;
        try {
            entry = "inventory:" + digest(key);
            AvailableNumbersPage kept = read(entry);
            if (kept != null) {
                return kept;
            }
            String token = UUID.randomUUID().toString();
            if (shared.lock(entry + ":lock", token, Duration.ofMillis(LOCK_TTL_MILLIS))) {
                return callHoldingLock(key, entry, token, call);
            }
            AvailableNumbersPage waited = awaitHolder(entry, deadline);
            if (waited != null) {
                return waited;
            }
        } catch (SharedState.Unavailable redisDown) {
            // alone, as without Redis
        }
        if (deadline.passed()) {
            throw new ProviderFault.TimedOut(key.provider(), deadline.budget());
        }
        return call.get();
    }

    private AvailableNumbersPage callHoldingLock(InventoryKey key, String entry, String token,
            Supplier<AvailableNumbersPage> call) {
        ScheduledFuture<?> renewal = renewals().scheduleAtFixedRate(() -> {
            try {
                shared.extend(entry + ":lock", token, Duration.ofMillis(LOCK_TTL_MILLIS));
            } catch (SharedState.Unavailable ignored) {
                // the others will call themselves: the outage is logged once elsewhere
            }
        }, LOCK_TTL_MILLIS / 3, LOCK_TTL_MILLIS / 3, TimeUnit.MILLISECONDS);
        try {
            AvailableNumbersPage page = call.get();
            try {
                shared.put(entry, json.writeValueAsString(page), ttl, page.numbers().stream()
                        .map(n -> numberIndex(key.provider(), n.phoneNumber())).toList());
            } catch (SharedState.Unavailable | JacksonException notKept) {
                // answered all the same; the others call themselves
            }
            return page;
        } finally {
            renewal.cancel(false);
            try {
                shared.unlock(entry + ":lock", token);
            } catch (SharedState.Unavailable ignored) {
                // it runs out by itself
            }
        }
    }

    /** Polls for the holder's answer until it comes, the lock goes without one (null), or the deadline passes. */
    private @Nullable AvailableNumbersPage awaitHolder(String entry, Deadline deadline) {
        long pause = FIRST_POLL_NANOS;
        while (!deadline.passed()) {
            LockSupport.parkNanos(Math.min(pause, Math.max(0, deadline.remainingNanos())));
            pause = Math.min(pause * 2, LONGEST_POLL_NANOS);
            AvailableNumbersPage kept = read(entry);
            if (kept != null) {
                return kept;
            }
            if (!shared.exists(entry + ":lock")) {
                return read(entry); // answered between the two reads, or not at all
            }
        }
        return null;
    }

    private @Nullable AvailableNumbersPage read(String entry) {
        String value = shared.get(entry);
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, AvailableNumbersPage.class);
        } catch (JacksonException unreadable) {
            return null; // written by another version: asked afresh, and overwritten
        }
    }

    /** Drops every shared answer that offers this number, and tells the other instances to drop theirs. */
    void forget(TelephonyProviderName provider, String phoneNumber) {
        if (!shared.configured()) {
            return;
        }
        try {
            shared.dropIndexed(numberIndex(provider, phoneNumber));
        } catch (SharedState.Unavailable ignored) {
            // the shared entries run out within cache-ttl
        }
        shared.announce(FORGET_TOPIC, provider.wireName() + "|" + phoneNumber + "|" + shared.instanceId());
    }

    private static String numberIndex(TelephonyProviderName provider, String phoneNumber) {
        return "inventory-number:" + provider.wireName() + ":" + phoneNumber;
    }

    /**
     * The SHA-256 of the key in a form every instance (every JVM) writes alike: each search field by name, and sets
     * sorted (a {@code Set.of}'s order differs from one JVM to the next).
     */
    static String digest(InventoryKey key) {
        StringBuilder canonical = new StringBuilder()
                .append(key.provider().wireName()).append('\n')
                .append(key.connectionId()).append('\n')
                .append(key.credentials()).append('\n');
        try {
            for (RecordComponent component : AvailableNumberSearch.class.getRecordComponents()) {
                Object value = component.getAccessor().invoke(key.search());
                if (value instanceof Collection<?> values) {
                    value = values.stream().map(String::valueOf).sorted().toList();
                }
                canonical.append(component.getName()).append('=').append(value).append('\n');
            }
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (IllegalAccessException | InvocationTargetException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest a search", e);
        }
    }

    private ScheduledExecutorService renewals() {
        ScheduledExecutorService executor = renewals;
        if (executor == null) {
            synchronized (this) {
                executor = renewals;
                if (executor == null) {
                    executor = Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().daemon().name("inventory-lock-renewal").factory());
                    renewals = executor;
                }
            }
        }
        return executor;
    }

    void close() {
        ScheduledExecutorService executor = renewals;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
