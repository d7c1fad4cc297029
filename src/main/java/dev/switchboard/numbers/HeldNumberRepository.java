package dev.switchboard.numbers;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The numbers users hold. Every read takes the owner's id. */
@Repository
class HeldNumberRepository {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    HeldNumberRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Which of these phone numbers the user holds on this connection, with the answering agent's name (one query). */
    List<HeldNumber> findHeld(UUID userId, UUID connectionId, Collection<String> phoneNumbers) {
        if (phoneNumbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT n.*, a.name AS inbound_agent_name
                        FROM phone_numbers n
                        LEFT JOIN agents a ON a.id = n.inbound_agent_id AND a.user_id = n.user_id
                        WHERE n.user_id = :userId AND n.account_connection_id = :connectionId
                          AND n.phone_number IN (:numbers)""")
                .param("userId", userId).param("connectionId", connectionId).param("numbers", phoneNumbers)
                .query((rs, i) -> new HeldNumber(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getString("phone_number"), rs.getString("telephony_provider"),
                        rs.getObject("account_connection_id", UUID.class), rs.getString("acquisition"),
                        rs.getString("provider_number_id"), rs.getBoolean("active"), rs.getString("label"),
                        rs.getString("description"), rs.getBoolean("outbound_only"),
                        json.readValue(rs.getString("example_context"), OBJECT_MAP),
                        rs.getObject("inbound_agent_id", UUID.class), rs.getString("inbound_agent_name"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
