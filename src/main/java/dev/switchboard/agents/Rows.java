package dev.switchboard.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing the feature's column types: JSON held as VARCHAR, timestamps in UTC. */
@Component
class Rows {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final JsonMapper json;

    Rows(JsonMapper json) {
        this.json = json;
    }

    String json(Object value) {
        return json.writeValueAsString(value);
    }

    Map<String, Object> object(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? Map.of() : json.readValue(text, OBJECT_MAP);
    }

    Map<String, String> stringMap(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? Map.of() : json.readValue(text, STRING_MAP);
    }

    List<Object> list(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? List.of() : json.readValue(text, LIST);
    }

    List<String> strings(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? List.of() : json.readValue(text, STRING_LIST);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static @Nullable UUID nullableUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
