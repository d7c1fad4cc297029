package dev.switchboard.connections;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Account connection rows. Every method takes the owner's id and filters on it: there is no unowned read. */
@Repository
class AccountConnectionRepository {

    private static final String COLUMNS = """
            id, user_id, type, label, description, credentials_ciphertext, steering_pool,
            account_supports_any_caller_id, config, created_at, updated_at""";

    private final JdbcClient jdbc;

    AccountConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row row) {
        jdbc.sql("INSERT INTO account_connections (" + COLUMNS + ") VALUES (:id, :userId, :type, :label, :description, "
                        + ":ciphertext, :steeringPool, :anyCallerId, :config, :createdAt, :updatedAt)")
                .paramSource(params(row))
                .update();
    }

    /** Updates the owner's row; false when there is no such row for this owner. */
    boolean update(Row row) {
        return jdbc.sql("""
                        UPDATE account_connections SET label = :label, description = :description,
                          credentials_ciphertext = :ciphertext, steering_pool = :steeringPool,
                          account_supports_any_caller_id = :anyCallerId, config = :config, updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .paramSource(params(row))
                .update() == 1;
    }

    Optional<Row> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_connections WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId)
                .query(AccountConnectionRepository::row)
                .optional();
    }

    /** The owner's rows among these ids, in one query; ids of others' rows are simply absent. */
    List<Row> findAll(UUID userId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_connections WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId).param("ids", ids)
                .query(AccountConnectionRepository::row)
                .list();
    }

    List<Row> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_connections WHERE user_id = :userId "
                        + "ORDER BY " + page.orderBy("") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset())
                .query(AccountConnectionRepository::row)
                .list();
    }

    /** The owner's rows of these types, oldest first, at most {@code max} of them. */
    List<Row> listOfTypes(UUID userId, java.util.Collection<String> types, int max) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account_connections WHERE user_id = :userId AND type IN (:types) "
                        + "ORDER BY created_at, id LIMIT :limit")
                .param("userId", userId).param("types", types).param("limit", max)
                .query(AccountConnectionRepository::row)
                .list();
    }

    long countOfTypes(UUID userId, java.util.Collection<String> types) {
        return jdbc.sql("SELECT COUNT(*) FROM account_connections WHERE user_id = :userId AND type IN (:types)")
                .param("userId", userId).param("types", types).query(Long.class).single();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM account_connections WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private static java.util.Map<String, @Nullable Object> params(Row row) {
        var map = new java.util.HashMap<String, @Nullable Object>();
        map.put("id", row.id());
        map.put("userId", row.userId());
        map.put("type", row.type());
        map.put("label", row.label());
        map.put("description", row.description());
        map.put("ciphertext", row.ciphertext());
        map.put("steeringPool", row.steeringPoolJson());
        map.put("anyCallerId", row.accountSupportsAnyCallerId());
        map.put("config", row.configJson());
        map.put("createdAt", row.createdAt().atOffset(ZoneOffset.UTC));
        map.put("updatedAt", row.updatedAt().atOffset(ZoneOffset.UTC));
        return map;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("type"),
                rs.getString("label"), rs.getString("description"), rs.getBytes("credentials_ciphertext"),
                rs.getString("steering_pool"), rs.getBoolean("account_supports_any_caller_id"), rs.getString("config"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    /** A row as stored: credentials still encrypted, JSON columns still text. */
    record Row(UUID id, UUID userId, String type, @Nullable String label, @Nullable String description,
            byte[] ciphertext, String steeringPoolJson, boolean accountSupportsAnyCallerId, String configJson,
            Instant createdAt, Instant updatedAt) {}
}
