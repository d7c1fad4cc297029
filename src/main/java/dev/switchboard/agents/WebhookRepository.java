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

/** Webhook rows. Every method takes the owner's id and filters on it. */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;
    private final Rows rows;

    WebhookRepository(JdbcClient jdbc, Rows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    void insert(WebhookView w, byte[] sealedSecret) {
        jdbc.sql("""
                        INSERT INTO webhooks (id, user_id, subscriptions, number_events, url, method, label, description,
                          signing_secret_ciphertext, created_at, updated_at)
                        VALUES (:id, :userId, :subscriptions, :numberEvents, :url, :method, :label, :description, :secret,
                          :createdAt, :updatedAt)""")
                .params(params(w)).param("secret", sealedSecret).update();
    }

    /** Updates the webhook; its signing secret too when {@code sealedSecret} is given (else it stays). */
    boolean update(WebhookView w, byte @Nullable [] sealedSecret) {
        return jdbc.sql("""
                        UPDATE webhooks SET subscriptions = :subscriptions, number_events = :numberEvents, url = :url,
                          method = :method, label = :label, description = :description, updated_at = :updatedAt,
                          signing_secret_ciphertext = COALESCE(:secret, signing_secret_ciphertext)
                        WHERE id = :id AND user_id = :userId""")
                .params(params(w)).param("secret", sealedSecret, java.sql.Types.VARBINARY).update() == 1;
    }

    /** The sealed signing secret of the webhook, if it has one. */
    Optional<byte[]> signingSecret(UUID userId, UUID id) {
        return jdbc.sql("SELECT signing_secret_ciphertext FROM webhooks WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
                .optional().flatMap(o -> o);
    }

    /** The user's webhooks subscribed to the number event {@code eventType}. */
    List<WebhookView> subscribedTo(UUID userId, String eventType) {
        // number_events is a short JSON array of known names: a LIKE on the quoted name narrows, the parse decides
        return jdbc.sql("SELECT * FROM webhooks WHERE user_id = :userId AND number_events LIKE :pattern")
                .param("userId", userId).param("pattern", "%\"" + eventType + "\"%").query(this::row).list().stream()
                .filter(w -> w.numberEvents().contains(eventType)).toList();
    }

    Optional<WebhookView> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT * FROM webhooks WHERE id = :id AND user_id = :userId")
                .param("id", id).param("userId", userId).query(this::row).optional();
    }

    Map<UUID, WebhookView> findAll(UUID userId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM webhooks WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId).param("ids", ids).query(this::row).list().stream()
                .collect(Collectors.toMap(WebhookView::id, Function.identity()));
    }

    List<WebhookView> list(UUID userId, dev.switchboard.web.PageRequest page) {
        return jdbc.sql("SELECT * FROM webhooks WHERE user_id = :userId ORDER BY " + page.orderBy("") + " LIMIT :limit OFFSET :offset")
                .param("userId", userId).param("limit", page.size()).param("offset", page.offset()).query(this::row).list();
    }

    long count(UUID userId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhooks WHERE user_id = :userId")
                .param("userId", userId).query(Long.class).single();
    }

    private Map<String, @Nullable Object> params(WebhookView w) {
        var map = new HashMap<String, @Nullable Object>();
        map.put("id", w.id());
        map.put("userId", w.userId());
        map.put("subscriptions", rows.json(w.subscriptions()));
        map.put("numberEvents", rows.json(w.numberEvents()));
        map.put("url", w.url());
        map.put("method", w.method());
        map.put("label", w.label());
        map.put("description", w.description());
        map.put("createdAt", Rows.utc(w.createdAt()));
        map.put("updatedAt", Rows.utc(w.updatedAt()));
        return map;
    }

    private WebhookView row(ResultSet rs, int n) throws SQLException {
        return new WebhookView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rows.strings(rs, "subscriptions"),
                rs.getString("url"), rs.getString("method"), rs.getString("label"), rs.getString("description"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), rows.strings(rs, "number_events"));
    }
}
