package dev.switchboard.agents;

import dev.switchboard.connections.SealedSecrets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The public door to a user's webhooks for the features that send them events (the events module): who subscribed to
 * a number event, and where and with which secret to send it.
 */
@Component
public class WebhookSubscriptions {

    /** Where one webhook's events go, and the secret that signs them. */
    public record Target(UUID webhookId, String url, String signingSecret) {
        @Override
        public String toString() {
            return "Target[webhookId=" + webhookId + ", url=" + url + ", signingSecret=****]";
        }
    }

    private final WebhookRepository webhooks;
    private final SealedSecrets secrets;

    WebhookSubscriptions(WebhookRepository webhooks, SealedSecrets secrets) {
        this.webhooks = webhooks;
        this.secrets = secrets;
    }

    /** The ids of the user's webhooks subscribed to the number event named {@code eventType} ("number.purchased"). */
    public List<UUID> subscribedTo(UUID userId, String eventType) {
        return webhooks.subscribedTo(userId, eventType).stream().map(WebhookView::id).toList();
    }

    /** The webhook's URL and signing secret; empty when it no longer exists or has no secret. */
    public Optional<Target> target(UUID userId, UUID webhookId) {
        return webhooks.find(userId, webhookId).flatMap(w -> webhooks.signingSecret(userId, webhookId)
                .map(sealed -> new Target(webhookId, w.url(), secrets.open(sealed, webhookId, userId))));
    }

    /** Whether the user has this webhook. */
    public boolean exists(UUID userId, UUID webhookId) {
        return webhooks.find(userId, webhookId).isPresent();
    }
}
