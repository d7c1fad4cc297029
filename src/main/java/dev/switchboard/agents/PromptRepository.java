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

/**
 * Prompt rows, read with their template in the same query (a join on the owner too, so a prompt can never show
 * another user's template). Every method takes the owner's id and filters on it.
 */
@Repository
class PromptRepository {

    private static final String SELECT = """
            SELECT p.*, t.id AS t_id, t.user_id AS t_user_id, t.label AS t_label,
                   t.required_context_keys AS t_required_context_keys, t.created_at AS t_created_at,
                   t.updated_at AS t_updated_at
            FROM prompts p
            LEFT JOIN prompt_templates t ON t.id = p.prompt_template_id AND t.user_id = p.user_id
            """;

    private final JdbcClient jdbc;
    private final Rows rows;

    PromptRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    void insert(PromptView p) {
        jdbc.sql("""
                        INSERT INTO prompts (id, user_id, label, description, content, context_endpoint, collect_fields,
                          type, tags, prompt_template_id, created_at, updated_at)
                        VALUES (:id, :userId, :label, :description, :content, :contextEndpoint, :collectFields,
                          :type, :tags, :templateId, :createdAt, :updatedAt)""")
                .params(params(p)).update();
    }

    boolean update(PromptView p) {
        return jdbc.sql("""
                        UPDATE prompts SET label = :label, description = :description, content = :content,
                          context_endpoint = :contextEndpoint, collect_fields = :collectFields, type = :type,
                          tags = :tags, prompt_template_id = :templateId, updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .params(params(p)).update() == 1;
    }

    Optional<PromptView> find(UUID userId, UUID id) {
        return jdbc.sql(SELECT + "WHERE p.id = :id AND p.user_id = :userId")
                .param("id", id).param("userId", userId).query(this::row).optional();
    }

    Map<UUID, PromptView> findAll(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + "WHERE p.user_id = :userId AND p.id IN (:ids)")
                .param("userId", userId).param("ids", ids).query(this::row).list().stream()
                .collect(Collectors.toMap(PromptView::id, Function.identity()));
    }

    List<PromptView> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return jdbc.sql(SELECT + "WHERE p.user_id = :userId ORDER BY " + page.orderBy("p.") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset()).query(this::row).list();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM prompts WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private Map<String, @Nullable Object> params(PromptView p) {
        var map = new HashMap<String, @Nullable Object>();
        map.put("id", p.id());
        map.put("userId", p.userId());
        map.put("label", p.label());
        map.put("description", p.description());
        map.put("content", p.content());
        map.put("contextEndpoint", p.contextEndpoint());
        map.put("collectFields", rows.json(p.collectFields()));
        map.put("type", p.type());
        map.put("tags", rows.json(p.tags()));
        map.put("templateId", p.promptTemplate() == null ? null : p.promptTemplate().id());
        map.put("createdAt", Rows.utc(p.createdAt()));
        map.put("updatedAt", Rows.utc(p.updatedAt()));
        return map;
    }

    private PromptView row(ResultSet rs, int n) throws SQLException {
        PromptTemplateView template = rs.getObject("t_id", UUID.class) == null ? null
                : new PromptTemplateView(Rows.uuid(rs, "t_id"), Rows.uuid(rs, "t_user_id"),
                        rows.strings(rs, "t_required_context_keys"), rs.getString("t_label"),
                        Rows.instant(rs, "t_created_at"), Rows.instant(rs, "t_updated_at"));
        return new PromptView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("label"),
                rs.getString("description"), rs.getString("content"), rs.getString("context_endpoint"),
                rows.list(rs, "collect_fields").stream().map(CollectField::read).toList(), rs.getString("type"), rows.strings(rs, "tags"), template,
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
