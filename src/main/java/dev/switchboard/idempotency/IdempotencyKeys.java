package dev.switchboard.idempotency;

import dev.switchboard.web.InvalidRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys' life in the database: claimed by a request before its handler runs, then holding its answer (or released
 * for a retry) until they expire and are purged. Claiming is one insert, or a locked read of the existing row: two
 * requests with the same key never both run.
 */
@Component
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final IdempotencyKeyRepository keys;
    private final TransactionTemplate transaction;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyKeys(IdempotencyKeyRepository keys, TransactionTemplate transaction, IdempotencyProperties properties,
            Clock clock) {
        this.keys = keys;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claimed when this request now holds the key and runs; the answer to replay otherwise. */
    Outcome claim(UUID userId, String key, String hash) {
        Instant now = clock.instant();
        try {
            keys.insert(userId, key, hash, now.plus(properties.lease()), now, now.plus(properties.ttl()));
            return new Claimed(now);
        } catch (DuplicateKeyException taken) {
            // fall through: the key was used before
        }
        return transaction.execute(status -> {
            var row = keys.lock(userId, key).orElse(null);
            if (row == null || !row.expiresAt().isAfter(now)) {
                if (row == null) {
                    keys.insert(userId, key, hash, now.plus(properties.lease()), now, now.plus(properties.ttl()));
                } else {
                    keys.restart(userId, key, hash, now.plus(properties.lease()), now, now.plus(properties.ttl()));
                }
                return new Claimed(now);
            }
            if (!row.requestHash().equals(hash)) {
                throw new InvalidRequest(IdempotentRequests.HEADER, "was already used for a different request; use a new key for a new request");
            }
            if (row.responseStatus() != null) {
                return new Answer(row.responseStatus(), row.responseType(), row.responseBody() == null ? "" : row.responseBody());
            }
            if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
                throw new KeyInFlight();
            }
            keys.lease(userId, key, now.plus(properties.lease()));
            return new Claimed(row.createdAt());
        });
    }

    /** Keeps the answer a claimed key stands for from now on, or releases the key (a 5xx, a failure) for a retry. */
    void settle(UUID userId, String key, @Nullable Answer answer) {
        try {
            if (answer != null) {
                keys.answer(userId, key, answer.status(), answer.type(), answer.body());
            } else {
                // 5xx: nothing definite happened that the answer could stand for; the same request may run again.
                keys.release(userId, key);
            }
        } catch (RuntimeException e) {
            // The lease expires by itself; the handler made its own side effects safe to run again.
            log.warn("could not keep the answer of an idempotent request: {}", e.toString());
        }
    }

    sealed interface Outcome {}

    /** This request now holds the key and runs. */
    record Claimed(Instant since) implements Outcome {}

    /** An answer a key stands for: replayed when the key is claimed again. */
    record Answer(int status, @Nullable String type, String body) implements Outcome {}
}
