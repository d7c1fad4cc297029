package dev.switchboard.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /v1/webhooks/create} and {@code /update} answer: the webhook, plus {@code signing_secret} in the one
 * answer that made it (create, or an update that gave the webhook its first or a rotated secret). It is shown there
 * only: Switchboard keeps it encrypted and never shows or logs it again.
 */
public record WebhookAnswer(
        UUID id,
        UUID userId,
        List<String> subscriptions,
        String url,
        String method,
        @Nullable String label,
        @Nullable String description,
        Instant createdAt,
        Instant updatedAt,
        List<String> numberEvents,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String signingSecret) {

    static WebhookAnswer of(WebhookView w, @Nullable String signingSecret) {
        return new WebhookAnswer(w.id(), w.userId(), w.subscriptions(), w.url(), w.method(), w.label(), w.description(),
                w.createdAt(), w.updatedAt(), w.numberEvents(), signingSecret);
    }

    @Override
    public String toString() {
        return "WebhookAnswer[id=" + id + ", url=" + url + ", signingSecret=" + (signingSecret == null ? "none" : "****")
                + "]";
    }
}
