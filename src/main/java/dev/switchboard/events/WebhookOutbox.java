package dev.switchboard.events;

import dev.switchboard.agents.WebhookSubscriptions;
import dev.switchboard.numbers.NumberEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox: a number event becomes one {@code webhook_deliveries} row per webhook of the user subscribed to its
 * type, written synchronously in the transaction that published it (a plain listener, not an after-commit one). So
 * the number's change and its queued deliveries commit together, or, when that transaction rolls back, neither
 * exists. The body is written here, once: every attempt sends the same bytes.
 */
@Component
class WebhookOutbox {

    private final WebhookSubscriptions subscriptions;
    private final DeliveryRepository deliveries;
    private final JsonMapper json;

    WebhookOutbox(WebhookSubscriptions subscriptions, DeliveryRepository deliveries, JsonMapper json) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.json = json;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void queue(NumberEvent event) {
        List<UUID> webhooks = subscriptions.subscribedTo(event.userId(), event.type().wireName());
        if (webhooks.isEmpty()) {
            return;
        }
        String body = json.writeValueAsString(EventBody.of(event));
        for (UUID webhookId : webhooks) {
            deliveries.insert(new Delivery(UUID.randomUUID(), event.id(), event.type().wireName(), webhookId,
                    event.userId(), body, Delivery.PENDING, 0, event.occurredAt(), null, null, null, null,
                    event.occurredAt(), event.occurredAt()));
        }
    }
}
