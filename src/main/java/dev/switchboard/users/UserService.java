package dev.switchboard.users;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.web.Conflict;
import dev.switchboard.web.InvalidRequest;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates users with their first API key, and resolves a bearer token to its user. */
@Service
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository users;
    private final TransactionTemplate tx;
    private final Clock clock;
    // Keyed by the token's hash (never the token), so a heap dump shows no usable key. Short-lived, so a
    // revoked key stops working within a minute even where revocation does not evict it.
    private final Cache<String, UUID> ownersByKeyHash = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(60)).build();

    UserService(UserRepository users, TransactionTemplate tx, Clock clock) {
        this.users = users;
        this.tx = tx;
        this.clock = clock;
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

    /** The user a bearer token belongs to; empty for a token that is unknown or revoked. */
    public Optional<UUID> authenticate(String token) {
        if (!token.startsWith(ApiKey.PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = ApiKey.sha256(token);
        String cacheKey = HexFormat.of().formatHex(hash);
        UUID cached = ownersByKeyHash.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UUID> owner = users.findActiveKey(hash)
                .filter(stored -> MessageDigest.isEqual(stored.keyHash(), hash))
                .map(UserRepository.StoredKey::userId);
        owner.ifPresent(id -> ownersByKeyHash.put(cacheKey, id));
        return owner;
    }

    /** A freshly created user and the only copy of its API key. */
    public record NewUser(UUID userId, String apiKey) {
        @Override
        public String toString() {
            return "NewUser[userId=" + userId + ", apiKey=****]";
        }
    }
}
