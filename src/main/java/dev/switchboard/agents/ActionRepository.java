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

/** Action rows. Every method takes the owner's id and filters on it. */
@Repository
class ActionRepository {

    private final JdbcClient jdbc;
    private final Rows rows;

    ActionRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    void insert(ActionView a) {
        jdbc.sql("""
                        INSERT INTO actions (id, user_id, type, label, description, config, action_trigger, created_at,
                          updated_at)
                        VALUES (:id, :userId, :type, :label, :description, :config, :trigger, :createdAt, :updatedAt)""")
                .params(params(a)).update();
    }

    boolean update(ActionView a) {
        return jdbc.sql("""
                        UPDATE actions SET type = :type, label = :label, description = :description, config = :config,
                          action_trigger = :trigger, updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .params(params(a)).update() == 1;
    }

    Optional<ActionView> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT * FROM actions WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).query(this::row).optional();
    }

    Map<UUID, ActionView> findAll(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM actions WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId).param("ids", ids).query(this::row).list().stream()
                .collect(Collectors.toMap(ActionView::id, Function.identity()));
    }

    List<ActionView> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return jdbc.sql("SELECT * FROM actions WHERE user_id = :userId ORDER BY " + page.orderBy("") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset()).query(this::row).list();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM actions WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private Map<String, @Nullable Object> params(ActionView a) {
        var map = new HashMap<String, @Nullable Object>();
        map.put("id", a.id());
        map.put("userId", a.userId());
        map.put("type", a.type());
        map.put("label", a.label());
        map.put("description", a.description());
        map.put("config", rows.json(a.config()));
        map.put("trigger", rows.json(a.actionTrigger()));
        map.put("createdAt", Rows.utc(a.createdAt()));
        map.put("updatedAt", Rows.utc(a.updatedAt()));
        return map;
    }

    private ActionView row(ResultSet rs, int n) throws SQLException {
        return new ActionView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("type"),
                rs.getString("label"), rs.getString("description"), rows.object(rs, "config"),
                rows.object(rs, "action_trigger"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
