package dev.switchboard.numbers;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The numbers users hold. Every read and write takes the owner's id, except {@link #isHeld}, which says only yes or no. */
@Repository
class HeldNumberRepository {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, user_id, phone_number, telephony_provider, account_connection_id, acquisition, provider_number_id,
            active, label, description, outbound_only, example_context, inbound_agent_id, provider_details,
            created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    HeldNumberRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Which of these phone numbers the user holds on this connection (one query). */
    List<HeldNumber> findHeld(UUID userId, UUID connectionId, Collection<String> phoneNumbers) {
        if (phoneNumbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE user_id = :userId "
                        + "AND account_connection_id = :connectionId AND phone_number IN (:numbers)")
                .param("userId", userId).param("connectionId", connectionId).param("numbers", phoneNumbers)
                .query(this::row)
                .list();
    }

    Optional<HeldNumber> find(UUID userId, String phoneNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE user_id = :userId AND phone_number = :number")
                .param("userId", userId).param("number", phoneNumber)
                .query(this::row)
                .optional();
    }

    Optional<HeldNumber> findById(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE user_id = :userId AND id = :id")
                .param("userId", userId).param("id", id)
                .query(this::row)
                .optional();
    }

    /** Whether anyone holds the number: the one question asked across users, answered without saying who. */
    boolean isHeld(String phoneNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM phone_numbers WHERE phone_number = :number")
                .param("number", phoneNumber).query(Long.class).single() > 0;
    }

    List<HeldNumber> list(UUID userId, NumberSort.Column sort, boolean descending, long offset, int limit) {
        String direction = descending ? " DESC" : " ASC";
        return jdbc.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE user_id = :userId ORDER BY "
                        + sort.wireName() + direction + ", id" + direction + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", limit).param("offset", offset)
                .query(this::row)
                .list();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM phone_numbers WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    /** Inserts the number; DuplicateKeyException when the number is already held (by anyone). */
    void insert(HeldNumber number) {
        jdbc.sql("INSERT INTO phone_numbers (" + COLUMNS + ") VALUES (:id, :userId, :phoneNumber, :provider, "
                        + ":connectionId, :acquisition, :providerNumberId, :active, :label, :description, :outboundOnly, "
                        + ":exampleContext, :inboundAgentId, :providerDetails, :createdAt, :updatedAt)")
                .params(params(number))
                .update();
    }

    /** Writes what update may change; false when the owner has no such number. */
    boolean update(HeldNumber number) {
        return jdbc.sql("""
                        UPDATE phone_numbers SET label = :label, description = :description, outbound_only = :outboundOnly,
                          example_context = :exampleContext, inbound_agent_id = :inboundAgentId, updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .params(params(number))
                .update() == 1;
    }

    boolean delete(UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM phone_numbers WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId)
                .update() == 1;
    }

    private Map<String, @Nullable Object> params(HeldNumber n) {
        Map<String, @Nullable Object> map = new HashMap<>();
        map.put("id", n.id());
        map.put("userId", n.userId());
        map.put("phoneNumber", n.phoneNumber());
        map.put("provider", n.telephonyProvider());
        map.put("connectionId", n.accountConnectionId());
        map.put("acquisition", n.acquisition());
        map.put("providerNumberId", n.providerNumberId());
        map.put("active", n.active());
        map.put("label", n.label());
        map.put("description", n.description());
        map.put("outboundOnly", n.outboundOnly());
        map.put("exampleContext", json.writeValueAsString(n.exampleContext()));
        map.put("inboundAgentId", n.inboundAgentId());
        map.put("providerDetails", n.providerDetails() == null ? null : json.writeValueAsString(n.providerDetails()));
        map.put("createdAt", n.createdAt().atOffset(ZoneOffset.UTC));
        map.put("updatedAt", n.updatedAt().atOffset(ZoneOffset.UTC));
        return map;
    }

    private HeldNumber row(ResultSet rs, int i) throws SQLException {
        String details = rs.getString("provider_details");
        return new HeldNumber(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("phone_number"), rs.getString("telephony_provider"),
                rs.getObject("account_connection_id", UUID.class), rs.getString("acquisition"),
                rs.getString("provider_number_id"), rs.getBoolean("active"), rs.getString("label"),
                rs.getString("description"), rs.getBoolean("outbound_only"),
                json.readValue(rs.getString("example_context"), OBJECT_MAP),
                rs.getObject("inbound_agent_id", UUID.class),
                details == null ? null : json.readValue(details, ProviderDetails.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
