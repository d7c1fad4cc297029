package dev.switchboard.numbers;

import dev.switchboard.telephony.RoutingTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing columns of {@code phone_numbers} (V7). Every change of status is a conditional update on the status
 * read before it, so that two instances deciding the same change (two drift checks, two retries) make it once: the
 * second finds the row changed and does nothing, publishes nothing.
 */
@Repository
class RoutingRepository {

    private static final String COLUMNS = "id, routing_status, routing_target, routing_previous, routing_checked_at, "
            + "routing_detail, routing_attempts, routing_next_attempt_at";

    /** A number whose routing is due for a look (a retry or a drift check): whose, and which. */
    record Due(UUID userId, UUID id) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RoutingRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<RoutingState> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE id = :id").param("id", id)
                .query(this::row).optional().map(Map.Entry::getValue);
    }

    Map<UUID, RoutingState> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, RoutingState> found = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE id IN (:ids)").param("ids", ids)
                .query(this::row).list().forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /** A new number's routing: pending, tried by its request at once, by the reconciler from {@code due} on. */
    void startPending(UUID id, Instant due, @Nullable RoutingTarget previous) {
        jdbc.sql("""
                        UPDATE phone_numbers SET routing_status = 'pending', routing_attempts = 0,
                          routing_next_attempt_at = :due, routing_previous = :previous, routing_detail = NULL
                        WHERE id = :id""")
                .param("id", id).param("due", at(due)).param("previous", text(previous))
                .update();
    }

    /** The routing is to be done again (its agent changed, or a reroute was asked): pending, attempts from zero. */
    void markPending(UUID id, Instant due) {
        jdbc.sql("""
                        UPDATE phone_numbers SET routing_status = 'pending', routing_attempts = 0,
                          routing_next_attempt_at = :due, routing_detail = NULL
                        WHERE id = :id""")
                .param("id", id).param("due", at(due)).update();
    }

    /**
     * Writes the new state if the status is still {@code expectedStatus} (null: a number never routed); false when
     * another request or instance changed it first. {@code active} false takes the number out of service.
     */
    boolean transition(UUID id, @Nullable String expectedStatus, RoutingState next, boolean active) {
        return jdbc.sql("UPDATE phone_numbers SET routing_status = :status, routing_target = :target, "
                        + "routing_checked_at = :checkedAt, routing_detail = :detail, routing_attempts = :attempts, "
                        + "routing_next_attempt_at = :next" + (active ? "" : ", active = FALSE")
                        + " WHERE id = :id AND " + (expectedStatus == null ? "routing_status IS NULL"
                        : "routing_status = :expected"))
                .params(params(id, expectedStatus, next))
                .update() == 1;
    }

    /** Records that the provider was read now, with nothing to change. */
    void checked(UUID id, Instant at) {
        jdbc.sql("UPDATE phone_numbers SET routing_checked_at = :at WHERE id = :id")
                .param("id", id).param("at", at(at)).update();
    }

    /**
     * Takes a due pending routing for this instance: moves its next attempt to {@code leaseUntil}, if it is still
     * pending and due. False when another instance (or the number's own request) took it first.
     */
    boolean claim(UUID id, int attempts, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        UPDATE phone_numbers SET routing_next_attempt_at = :lease
                        WHERE id = :id AND routing_status = 'pending' AND routing_attempts = :attempts
                          AND routing_next_attempt_at <= :now""")
                .param("id", id).param("attempts", attempts).param("now", at(now)).param("lease", at(leaseUntil))
                .update() == 1;
    }

    /** Pending routings whose next attempt is due, the longest waiting first. */
    List<Due> duePending(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT user_id, id FROM phone_numbers
                        WHERE routing_status = 'pending' AND routing_next_attempt_at <= :now
                        ORDER BY routing_next_attempt_at, id LIMIT :limit""")
                .param("now", at(now)).param("limit", limit)
                .query((rs, i) -> new Due(rs.getObject("user_id", UUID.class), rs.getObject("id", UUID.class)))
                .list();
    }

    /** Active numbers Switchboard pointed somewhere (ok or drifted), the least recently checked first. */
    List<Due> toCheck(int limit) {
        return jdbc.sql("""
                        SELECT user_id, id FROM phone_numbers
                        WHERE active AND routing_status IN ('ok', 'drifted') AND routing_target IS NOT NULL
                        ORDER BY routing_checked_at NULLS FIRST, id LIMIT :limit""")
                .param("limit", limit)
                .query((rs, i) -> new Due(rs.getObject("user_id", UUID.class), rs.getObject("id", UUID.class)))
                .list();
    }

    private Map<String, @Nullable Object> params(UUID id, @Nullable String expected, RoutingState next) {
        Map<String, @Nullable Object> map = new HashMap<>();
        map.put("id", id);
        map.put("expected", expected);
        map.put("status", next.status());
        map.put("target", text(next.target()));
        map.put("checkedAt", next.checkedAt() == null ? null : at(next.checkedAt()));
        String detail = next.detail();
        map.put("detail", detail != null && detail.length() > 500 ? detail.substring(0, 497) + "..." : detail);
        map.put("attempts", next.attempts());
        map.put("next", next.nextAttemptAt() == null ? null : at(next.nextAttemptAt()));
        return map;
    }

    private @Nullable String text(@Nullable RoutingTarget target) {
        return target == null ? null : json.writeValueAsString(target);
    }

    private @Nullable RoutingTarget target(@Nullable String text) {
        return text == null ? null : json.readValue(text, RoutingTarget.class);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private Map.Entry<UUID, RoutingState> row(ResultSet rs, int i) throws SQLException {
        String status = rs.getString("routing_status");
        UUID id = rs.getObject("id", UUID.class);
        if (status == null) {
            return Map.entry(id, RoutingState.UNMANAGED);
        }
        OffsetDateTime checked = rs.getObject("routing_checked_at", OffsetDateTime.class);
        OffsetDateTime next = rs.getObject("routing_next_attempt_at", OffsetDateTime.class);
        return Map.entry(id, new RoutingState(status, target(rs.getString("routing_target")),
                target(rs.getString("routing_previous")), checked == null ? null : checked.toInstant(),
                rs.getString("routing_detail"), rs.getInt("routing_attempts"), next == null ? null : next.toInstant()));
    }
}
