package dev.switchboard.idempotency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency-key rows, per user: every statement takes the owner's id. */
@Repository
class IdempotencyKeyRepository {

    private final JdbcClient jdbc;

    IdempotencyKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a key in flight; throws DuplicateKeyException when the user already has this key. */
    void insert(UUID userId, String key, String hash, Instant lockedUntil, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, locked_until, created_at, expires_at)
                        VALUES (:userId, :key, :hash, :lockedUntil, :now, :expiresAt)""")
                .param("userId", userId).param("key", key).param("hash", hash).param("lockedUntil", utc(lockedUntil))
                .param("now", utc(now)).param("expiresAt", utc(expiresAt))
                .update();
    }

    /** The row, locked until the end of the transaction. */
    Optional<Row> lock(UUID userId, String key) {
        return jdbc.sql("""
                        SELECT request_hash, locked_until, response_status, response_type, response_body, created_at, expires_at
                        FROM idempotency_keys WHERE user_id = :userId AND idempotency_key = :key FOR UPDATE""")
                .param("userId", userId).param("key", key)
                .query((rs, i) -> new Row(rs.getString("request_hash"), instant(rs.getObject("locked_until", OffsetDateTime.class)),
                        (Integer) rs.getObject("response_status"), rs.getString("response_type"),
                        rs.getString("response_body"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Starts the key afresh for a new request (the old one expired). */
    void restart(UUID userId, String key, String hash, Instant lockedUntil, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET request_hash = :hash, locked_until = :lockedUntil, response_status = NULL,
                          response_type = NULL, response_body = NULL, created_at = :now, expires_at = :expiresAt
                        WHERE user_id = :userId AND idempotency_key = :key""")
                .param("userId", userId).param("key", key).param("hash", hash).param("lockedUntil", utc(lockedUntil))
                .param("now", utc(now)).param("expiresAt", utc(expiresAt))
                .update();
    }

    void lease(UUID userId, String key, Instant lockedUntil) {
        jdbc.sql("UPDATE idempotency_keys SET locked_until = :lockedUntil WHERE user_id = :userId AND idempotency_key = :key")
                .param("userId", userId).param("key", key).param("lockedUntil", utc(lockedUntil))
                .update();
    }

    /** Keeps the answer to replay and ends the lease. */
    void answer(UUID userId, String key, int status, @Nullable String type, String body) {
        jdbc.sql("""
                        UPDATE idempotency_keys SET locked_until = NULL, response_status = :status, response_type = :type,
                          response_body = :body WHERE user_id = :userId AND idempotency_key = :key""")
                .param("userId", userId).param("key", key).param("status", status).param("type", type).param("body", body)
                .update();
    }

    /** Ends the lease without an answer: the next request with this key runs again. */
    void release(UUID userId, String key) {
        jdbc.sql("UPDATE idempotency_keys SET locked_until = NULL WHERE user_id = :userId AND idempotency_key = :key")
                .param("userId", userId).param("key", key)
                .update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= :now").param("now", utc(now)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    record Row(String requestHash, @Nullable Instant lockedUntil, @Nullable Integer responseStatus,
            @Nullable String responseType, @Nullable String responseBody, Instant createdAt, Instant expiresAt) {}
}
