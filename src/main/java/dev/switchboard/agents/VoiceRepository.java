package dev.switchboard.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Voice rows. Every method takes the owner's id and filters on it. */
@Repository
class VoiceRepository {

    private final JdbcClient jdbc;
    private final Rows rows;

    VoiceRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    void insert(VoiceView v) {
        jdbc.sql("""
                        INSERT INTO voices (id, user_id, label, description, provider, voice_id, config, created_at,
                          updated_at)
                        VALUES (:id, :userId, :label, :description, :provider, :voiceId, :config, :createdAt, :updatedAt)""")
                .params(params(v)).update();
    }

    boolean update(VoiceView v) {
        return jdbc.sql("""
                        UPDATE voices SET label = :label, description = :description, provider = :provider,
                          voice_id = :voiceId, config = :config, updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .params(params(v)).update() == 1;
    }

    Optional<VoiceView> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT * FROM voices WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).query(this::row).optional();
    }

    Map<UUID, VoiceView> findAll(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM voices WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId).param("ids", ids).query(this::row).list().stream()
                .collect(Collectors.toMap(VoiceView::id, Function.identity()));
    }

    List<VoiceView> list(UUID userId, long offset, int limit) {
        return jdbc.sql("SELECT * FROM voices WHERE user_id = :userId ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", limit).param("offset", offset).query(this::row).list();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM voices WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private Map<String, @Nullable Object> params(VoiceView v) {
        var map = new HashMap<String, @Nullable Object>();
        map.put("id", v.id());
        map.put("userId", v.userId());
        map.put("label", v.label());
        map.put("description", v.description());
        map.put("provider", v.provider());
        map.put("voiceId", v.voiceId());
        map.put("config", rows.json(v.config()));
        map.put("createdAt", Rows.utc(v.createdAt()));
        map.put("updatedAt", Rows.utc(v.updatedAt()));
        return map;
    }

    private VoiceView row(ResultSet rs, int n) throws SQLException {
        return new VoiceView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("label"),
                rs.getString("description"), rs.getString("provider"), rs.getString("voice_id"),
                rows.object(rs, "config"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
