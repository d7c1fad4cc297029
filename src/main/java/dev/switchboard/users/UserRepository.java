package dev.switchboard.users;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and the hashes of their API keys; every statement about a user's keys takes the user's id. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean emailExists(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email = :email").param("email", email)
                .query(Long.class).single() > 0;
    }

    boolean userExists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE id = :id").param("id", id).query(Long.class).single() > 0;
    }

    void insertUser(UUID id, String email, Instant now) {
        jdbc.sql("INSERT INTO users (id, email, created_at) VALUES (:id, :email, :now)")
                .param("id", id).param("email", email).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    void insertApiKey(UUID id, UUID userId, byte[] keyHash, String keyPrefix, Instant now) {
        jdbc.sql("""
                INSERT INTO api_keys (id, user_id, key_hash, key_prefix, created_at)
                VALUES (:id, :userId, :hash, :prefix, :now)""")
                .param("id", id).param("userId", userId).param("hash", keyHash).param("prefix", keyPrefix)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The owner of the unrevoked key with this hash, with the stored hash for a constant-time comparison. */
    Optional<StoredKey> findActiveKey(byte[] keyHash) {
        return jdbc.sql("SELECT id, user_id, key_hash FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .param("hash", keyHash)
                .query((rs, n) -> new StoredKey(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getBytes("key_hash")))
                .optional();
    }

    /** The user's keys, oldest first. */
    List<KeyRow> keys(UUID userId) {
        return jdbc.sql("""
                SELECT id, key_prefix, key_hash, created_at, revoked_at FROM api_keys
                WHERE user_id = :userId ORDER BY created_at, id""")
                .param("userId", userId).query((rs, n) -> row(rs)).list();
    }

    Optional<KeyRow> key(UUID userId, UUID keyId) {
        return jdbc.sql("""
                SELECT id, key_prefix, key_hash, created_at, revoked_at FROM api_keys
                WHERE user_id = :userId AND id = :id""")
                .param("userId", userId).param("id", keyId).query((rs, n) -> row(rs)).optional();
    }

    long countActiveKeys(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE user_id = :userId AND revoked_at IS NULL")
                .param("userId", userId).query(Long.class).single();
    }

    /** Revokes the user's key if it is active; whether it did. */
    boolean revoke(UUID userId, UUID keyId, Instant now) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE user_id = :userId AND id = :id AND revoked_at IS NULL")
                .param("now", now.atOffset(ZoneOffset.UTC)).param("userId", userId).param("id", keyId)
                .update() > 0;
    }

    /** Revokes every active key of the user; how many. */
    int revokeAll(UUID userId, Instant now) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
                .param("now", now.atOffset(ZoneOffset.UTC)).param("userId", userId).update();
    }

    private static KeyRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new KeyRow(rs.getObject("id", UUID.class), rs.getString("key_prefix"), rs.getBytes("key_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("revoked_at", OffsetDateTime.class) == null ? null
                        : rs.getObject("revoked_at", OffsetDateTime.class).toInstant());
    }

    record StoredKey(UUID keyId, UUID userId, byte[] keyHash) {}

    record KeyRow(UUID id, String prefix, byte[] keyHash, Instant createdAt, @Nullable Instant revokedAt) {}
}
