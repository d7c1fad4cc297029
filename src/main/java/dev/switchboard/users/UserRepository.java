package dev.switchboard.users;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and the hashes of their API keys. */
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
        return jdbc.sql("SELECT user_id, key_hash FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .param("hash", keyHash)
                .query((rs, n) -> new StoredKey(rs.getObject("user_id", UUID.class), rs.getBytes("key_hash")))
                .optional();
    }

    record StoredKey(UUID userId, byte[] keyHash) {}
}
