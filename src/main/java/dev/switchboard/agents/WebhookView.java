package dev.switchboard.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as responses show it (the seed's {@code inbound_agent.webhook}). {@code subscriptions} holds the platform's
 * call events only (its SDK reads them as its EventType); {@code number_events} the number events Switchboard sends
 * (README, "Event webhooks"), a field the SDK leaves aside as it does every field it does not know.
 */
public record WebhookView(
        UUID id,
        UUID userId,
        List<String> subscriptions,
        String url,
        String method,
        @Nullable String label,
        @Nullable String description,
        Instant createdAt,
        Instant updatedAt,
        List<String> numberEvents) {

    public WebhookView {
        subscriptions = List.copyOf(subscriptions);
        numberEvents = List.copyOf(numberEvents);
    }
}
