package dev.switchboard.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Prompt template rows. Every method takes the owner's id and filters on it. */
@Repository
class PromptTemplateRepository {

    private final JdbcClient jdbc;
    private final Rows rows;

    PromptTemplateRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    void insert(PromptTemplateView t) {
        jdbc.sql("""
                        INSERT INTO prompt_templates (id, user_id, label, required_context_keys, created_at, updated_at)
                        VALUES (:id, :userId, :label, :keys, :createdAt, :updatedAt)""")
                .param("id", t.id()).param("userId", t.userId()).param("label", t.label())
                .param("keys", rows.json(t.requiredContextKeys()))
                .param("createdAt", Rows.utc(t.createdAt())).param("updatedAt", Rows.utc(t.updatedAt()))
                .update();
    }

    boolean update(PromptTemplateView t) {
        return jdbc.sql("""
                        UPDATE prompt_templates SET label = :label, required_context_keys = :keys, updated_at = :updatedAt
                        WHERE id = :id AND user_id = :userId""")
                .param("id", t.id()).param("userId", t.userId()).param("label", t.label())
                .param("keys", rows.json(t.requiredContextKeys())).param("updatedAt", Rows.utc(t.updatedAt()))
                .update() == 1;
    }

    Optional<PromptTemplateView> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT * FROM prompt_templates WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).query(this::row).optional();
    }

    Map<UUID, PromptTemplateView> findAll(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM prompt_templates WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId).param("ids", ids).query(this::row).list().stream()
                .collect(Collectors.toMap(PromptTemplateView::id, Function.identity()));
    }

    List<PromptTemplateView> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return jdbc.sql("SELECT * FROM prompt_templates WHERE user_id = :userId ORDER BY " + page.orderBy("") + " "
                        + "LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset()).query(this::row).list();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM prompt_templates WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private PromptTemplateView row(ResultSet rs, int n) throws SQLException {
        return new PromptTemplateView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"),
                rows.strings(rs, "required_context_keys"), rs.getString("label"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}
