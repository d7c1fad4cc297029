package dev.switchboard.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.cluster.SharedState;
import dev.switchboard.limits.Quota;
import dev.switchboard.limits.Quotas;
import dev.switchboard.web.Conflict;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ResourceNotFound;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Users and their API keys: creates a user with a first key, adds, lists and revokes keys, disables a user, and
 * resolves a bearer token to its user and key.
 */
@Service
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository users;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Quotas quotas;
    // Keyed by the token's hash (never the token), so a heap dump shows no usable key. Revocation through this
    // instance evicts at once; with Redis, every other instance evicts on the announcement (within a second); without
    // it, or when the announcement is lost in an outage, another instance keeps a revoked key for at most this minute
    // (see README, Security). Redis coming back after an outage empties it, since announcements may have been lost.
    private final Cache<String, KeyOwner> ownersByKeyHash = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(60)).build();
    private final SharedState shared;

    static final String REVOKED_TOPIC = "api-keys-revoked";

    UserService(UserRepository users, TransactionTemplate tx, Clock clock, Quotas quotas, SharedState shared) {
        this.users = users;
        this.tx = tx;
        this.clock = clock;
        this.quotas = quotas;
        this.shared = shared;
        // The message is the revoked keys' hashes (what the database holds, never a key), comma-separated.
        shared.listen(REVOKED_TOPIC, hashes -> {
            for (String hash : hashes.split(",")) {
                ownersByKeyHash.invalidate(hash);
            }
        });
        shared.onReconnect(ownersByKeyHash::invalidateAll);
    }

    /** Forgets the keys here at once and tells the other instances to forget them. */
    private void forgetKeys(List<byte[]> keyHashes) {
        if (keyHashes.isEmpty()) {
            return;
        }
        List<String> hashes = keyHashes.stream().map(HexFormat.of()::formatHex).toList();
        ownersByKeyHash.invalidateAll(hashes);
        shared.announce(REVOKED_TOPIC, String.join(",", hashes));
    }

    /** A new user and API key; the key's value exists only in the returned value. */
    public NewUser createUser(String rawEmail) {
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new InvalidRequest("email", "must be an email address");
        }
        UUID userId = UUID.randomUUID();
        ApiKey key = ApiKey.generate();
        try {
            tx.executeWithoutResult(status -> {
                if (users.emailExists(email)) {
                    throw new Conflict("A user with this email already exists");
                }
                var now = clock.instant();
                users.insertUser(userId, email, now);
                users.insertApiKey(UUID.randomUUID(), userId, key.hash(), key.displayPrefix(), now);
            });
        } catch (DuplicateKeyException e) {
            throw new Conflict("A user with this email already exists");
        }
        return new NewUser(userId, key.value());
    }

    /** The user and key of a token this instance has proven within the last minute, without asking the database. */
    Optional<KeyOwner> knownOwner(String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(ownersByKeyHash.getIfPresent(HexFormat.of().formatHex(ApiKey.sha256(token))));
    }

    /** The user a bearer token belongs to; empty for a token that is unknown or revoked. */
    public Optional<UUID> authenticate(String token) {
        return owner(token).map(KeyOwner::userId);
    }

    /** The user and key of a bearer token; empty for a token that is unknown or revoked. */
    Optional<KeyOwner> owner(String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        byte[] hash = ApiKey.sha256(token);
        String cacheKey = HexFormat.of().formatHex(hash);
        KeyOwner cached = ownersByKeyHash.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<KeyOwner> owner = users.findActiveKey(hash)
                .filter(stored -> MessageDigest.isEqual(stored.keyHash(), hash))
                .map(stored -> new KeyOwner(stored.userId(), stored.keyId()));
        owner.ifPresent(found -> ownersByKeyHash.put(cacheKey, found));
        return owner;
    }

    private static boolean plausible(String token) {
        return token.startsWith(ApiKey.PREFIX) && token.length() <= 200;
    }

    /** Another API key for the user; its value exists only in the returned value. */
    NewApiKey createApiKey(UUID userId) {
        ApiKey key = ApiKey.generate();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            quotas.checkRoomForOne(Quota.API_KEYS, users.countActiveKeys(userId));
            users.insertApiKey(id, userId, key.hash(), key.displayPrefix(), now);
        });
        return new NewApiKey(new ApiKeyView(id, key.displayPrefix() + "…", true, now, null), key.value());
    }

    /** The user's keys, masked, oldest first. */
    List<ApiKeyView> listApiKeys(UUID userId) {
        return users.keys(userId).stream().map(UserService::view).toList();
    }

    /**
     * Revokes one of the user's keys: refused from then on by this instance at once, by the others within a second
     * when they share Redis. Another user's key is not found.
     * The last active key cannot be revoked (the user would be locked out; the operator disables users instead).
     */
    ApiKeyView revokeApiKey(UUID userId, UUID keyId) {
        UserRepository.KeyRow row = users.key(userId, keyId)
                .orElseThrow(() -> new ResourceNotFound("No API key " + keyId));
        if (row.revokedAt() == null) {
            tx.executeWithoutResult(status -> {
                if (users.countActiveKeys(userId) <= 1) {
                    throw new Conflict("This is the user's only active API key; create another one first");
                }
                users.revoke(userId, keyId, clock.instant());
            });
            forgetKeys(List.of(row.keyHash()));
        }
        return users.key(userId, keyId).map(UserService::view).orElseThrow();
    }

    /** Disables a user: revokes every key it has, so its next call is refused (at once on this instance). */
    int disableUser(UUID userId) {
        if (!users.userExists(userId)) {
            throw new ResourceNotFound("No user " + userId);
        }
        List<UserRepository.KeyRow> keys = users.keys(userId);
        int revoked = users.revokeAll(userId, clock.instant());
        forgetKeys(keys.stream().map(UserRepository.KeyRow::keyHash).toList());
        return revoked;
    }

    private static ApiKeyView view(UserRepository.KeyRow row) {
        return new ApiKeyView(row.id(), row.prefix() + "…", row.revokedAt() == null, row.createdAt(), row.revokedAt());
    }

    /** Who a proven key belongs to, and which key it is (its request budget is the key's). */
    record KeyOwner(UUID userId, UUID keyId) {}

    /**
     * An API key as listed: never its value.
     *
     * @param maskedKey the key's first characters then an ellipsis, to tell keys apart
     */
    record ApiKeyView(UUID id, String maskedKey, boolean active, Instant createdAt, @Nullable Instant revokedAt) {}

    /** A new key: the only time its value is shown. */
    record NewApiKey(ApiKeyView key, String apiKey) {
        @Override
        public String toString() {
            return "NewApiKey[id=" + key.id() + ", apiKey=****]";
        }
    }

    /** A freshly created user and the only copy of its API key. */
    public record NewUser(UUID userId, String apiKey) {
        @Override
        public String toString() {
            return "NewUser[userId=" + userId + ", apiKey=****]";
        }
    }
}
