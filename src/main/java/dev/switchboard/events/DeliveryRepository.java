package dev.switchboard.events;

import dev.switchboard.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code webhook_deliveries}: the outbox and each delivery's history. Claiming is a compare-and-set per row (an
 * UPDATE whose WHERE still requires the row to be pending and unclaimed), so any number of workers, on any number of
 * instances, may look at the same due rows: each row goes to exactly one of them, on H2 as on PostgreSQL.
 */
@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Delivery d) {
        jdbc.sql("""
                        INSERT INTO webhook_deliveries (id, event_id, event_type, webhook_id, user_id, body, status, attempts,
                          next_attempt_at, created_at, updated_at)
                        VALUES (:id, :eventId, :eventType, :webhookId, :userId, :body, :status, 0, :next, :createdAt,
                          :createdAt)""")
                .param("id", d.id()).param("eventId", d.eventId()).param("eventType", d.eventType())
                .param("webhookId", d.webhookId()).param("userId", d.userId()).param("body", d.body())
                .param("status", d.status()).param("next", utc(d.nextAttemptAt()))
                .param("createdAt", utc(d.createdAt())).update();
    }

    /** The ids of pending deliveries due at {@code now} that nobody holds, oldest due first. */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM webhook_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= :now
                          AND (claimed_until IS NULL OR claimed_until < :now)
                        ORDER BY next_attempt_at, id LIMIT :limit""")
                .param("now", utc(now)).param("limit", limit).query(UUID.class).list();
    }

    /** Takes the delivery for {@code claimer} until {@code until}; false when another worker took it first. */
    boolean claim(UUID id, String claimer, Instant now, Instant until) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries SET claimed_by = :claimer, claimed_until = :until
                        WHERE id = :id AND status = 'pending' AND next_attempt_at <= :now
                          AND (claimed_until IS NULL OR claimed_until < :now)""")
                .param("claimer", claimer).param("until", utc(until)).param("id", id).param("now", utc(now))
                .update() == 1;
    }

    Delivery get(UUID id) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE id = :id").param("id", id).query(this::row).single();
    }

    /**
     * Records an attempt's outcome and lets the claim go, if the claim is still {@code claimer}'s. {@code status}
     * pending with {@code next} the next attempt; delivered or failed with none.
     */
    boolean recordAttempt(UUID id, String claimer, String status, @Nullable Instant next, @Nullable Integer statusCode,
            @Nullable String error, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries SET status = :status, attempts = attempts + 1, next_attempt_at = :next,
                          last_status_code = :code, last_error = :error, last_attempt_at = :now,
                          delivered_at = CASE WHEN :status = 'delivered' THEN :now ELSE delivered_at END,
                          claimed_by = NULL, claimed_until = NULL, updated_at = :now
                        WHERE id = :id AND claimed_by = :claimer""")
                .param("status", status).param("next", utc(next), java.sql.Types.TIMESTAMP_WITH_TIMEZONE).param("code", statusCode, java.sql.Types.INTEGER)
                .param("error", error == null ? null : truncate(error), java.sql.Types.VARCHAR).param("now", utc(now))
                .param("id", id).param("claimer", claimer).update() == 1;
    }

    List<Delivery> list(UUID userId, UUID webhookId, PageRequest page) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE user_id = :userId AND webhook_id = :webhookId ORDER BY "
                        + page.orderBy("") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("webhookId", webhookId).param("limit", page.size())
                .param("offset", page.offset()).query(this::row).list();
    }

    long count(UUID userId, UUID webhookId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE user_id = :userId AND webhook_id = :webhookId")
                .param("userId", userId).param("webhookId", webhookId).query(Long.class).single();
    }

    private static String truncate(String error) {
        return error.length() <= 500 ? error : error.substring(0, 497) + "...";
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private Delivery row(ResultSet rs, int n) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastStatusCode = rs.wasNull() ? null : code;
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("event_type"), rs.getObject("webhook_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("body"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                lastStatusCode, rs.getString("last_error"), instant(rs, "last_attempt_at"),
                instant(rs, "delivered_at"), java.util.Objects.requireNonNull(instant(rs, "created_at")),
                java.util.Objects.requireNonNull(instant(rs, "updated_at")));
    }
}
