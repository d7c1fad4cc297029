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

    List<VoiceView> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return jdbc.sql("SELECT * FROM voices WHERE user_id = :userId ORDER BY " + page.orderBy("") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset()).query(this::row).list();
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
        // the type's naming setting goes in voice_id, the other settings in config (see VoiceTypes)
        String primary = VoiceTypes.primary(v.type());
        var config = new java.util.LinkedHashMap<String, @Nullable Object>(v.settings());
        Object voiceId = config.remove(primary);
        map.put("provider", v.type().substring("voice_".length()));
        map.put("voiceId", voiceId == null ? null : voiceId.toString());
        map.put("config", rows.json(config));
        map.put("createdAt", Rows.utc(v.createdAt()));
        map.put("updatedAt", Rows.utc(v.updatedAt()));
        return map;
    }

    /**
     * A row as a voice. Rows written before voices took the SDK's shape read the same way: their {@code provider}
     * ({@code eleven_labs}, {@code azure}, ... or a kind the SDK lacks, e.g. {@code cartesia}) gives the type, their
     * {@code voice_id} the naming setting, and their free-form {@code config} the rest of the settings.
     */
    private VoiceView row(ResultSet rs, int n) throws SQLException {
        String type = "voice_" + rs.getString("provider");
        var settings = new java.util.LinkedHashMap<String, @Nullable Object>();
        settings.put(VoiceTypes.primary(type), rs.getString("voice_id"));
        rows.object(rs, "config").forEach(settings::putIfAbsent);
        return new VoiceView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), type, rs.getString("label"),
                rs.getString("description"), settings, Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
