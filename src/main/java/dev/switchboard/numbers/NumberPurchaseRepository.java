package dev.switchboard.numbers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Purchase intents. Reads for a request take the owner's id; the reconciliation, which works for every user,
 * reads pending intents across users and acts on each with that intent's own owner.
 */
@Repository
class NumberPurchaseRepository {

    private static final String COLUMNS = """
            id, user_id, account_connection_id, telephony_provider, phone_number, idempotency_key, inbound_agent_id,
            state, phone_number_id, failure, created_at, updated_at""";
    private static final int MAX_FAILURE = 500;

    private final JdbcClient jdbc;

    NumberPurchaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(NumberPurchase p) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("id", p.id());
        params.put("userId", p.userId());
        params.put("connectionId", p.accountConnectionId());
        params.put("provider", p.telephonyProvider());
        params.put("phoneNumber", p.phoneNumber());
        params.put("key", p.idempotencyKey());
        params.put("agentId", p.inboundAgentId());
        params.put("state", p.state());
        params.put("now", p.createdAt().atOffset(ZoneOffset.UTC));
        jdbc.sql("INSERT INTO number_purchases (" + COLUMNS + ") VALUES (:id, :userId, :connectionId, :provider, "
                        + ":phoneNumber, :key, :agentId, :state, NULL, NULL, :now, :now)")
                .params(params)
                .update();
    }

    /** The intent, locked until the end of the transaction, so that two settlements of it run one after the other. */
    Optional<NumberPurchase> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM number_purchases WHERE id = :id FOR UPDATE")
                .param("id", id).query(NumberPurchaseRepository::row).optional();
    }

    /** The user's purchases made under this Idempotency-Key since this use of the key began, oldest first. */
    List<NumberPurchase> withKey(UUID userId, String key, Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM number_purchases WHERE user_id = :userId AND idempotency_key = :key "
                        + "AND created_at >= :since ORDER BY created_at, id")
                .param("userId", userId).param("key", key).param("since", since.atOffset(ZoneOffset.UTC))
                .query(NumberPurchaseRepository::row).list();
    }

    /** The user's unsettled purchases of this number. */
    List<NumberPurchase> pendingFor(UUID userId, String phoneNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM number_purchases WHERE user_id = :userId AND phone_number = :number "
                        + "AND state = 'pending' ORDER BY created_at, id")
                .param("userId", userId).param("number", phoneNumber).query(NumberPurchaseRepository::row).list();
    }

    /** Unsettled purchases started before the cutoff, oldest first: what the reconciliation settles. */
    List<NumberPurchase> pendingBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM number_purchases WHERE state = 'pending' AND created_at <= :cutoff "
                        + "ORDER BY created_at, id LIMIT :limit")
                .param("cutoff", cutoff.atOffset(ZoneOffset.UTC)).param("limit", limit)
                .query(NumberPurchaseRepository::row).list();
    }

    void markBought(UUID id, UUID phoneNumberId, Instant now) {
        jdbc.sql("UPDATE number_purchases SET state = 'bought', phone_number_id = :numberId, failure = NULL, "
                        + "updated_at = :now WHERE id = :id")
                .param("id", id).param("numberId", phoneNumberId).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Marks a still-pending intent failed; a settled one (bought meanwhile) is left as it is. */
    boolean markFailed(UUID id, String failure, Instant now) {
        return jdbc.sql("UPDATE number_purchases SET state = 'failed', failure = :failure, updated_at = :now "
                        + "WHERE id = :id AND state = 'pending'")
                .param("id", id).param("failure", failure.length() > MAX_FAILURE ? failure.substring(0, MAX_FAILURE) : failure)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }

    private static NumberPurchase row(ResultSet rs, int i) throws SQLException {
        return new NumberPurchase(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("account_connection_id", UUID.class), rs.getString("telephony_provider"),
                rs.getString("phone_number"), rs.getString("idempotency_key"),
                rs.getObject("inbound_agent_id", UUID.class), rs.getString("state"),
                rs.getObject("phone_number_id", UUID.class), rs.getString("failure"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
