package dev.switchboard.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A webhook as responses show it (the seed's {@code inbound_agent.webhook}). */
public record WebhookView(
        UUID id,
        UUID userId,
        List<String> subscriptions,
        String url,
        String method,
        @Nullable String label,
        @Nullable String description,
        Instant createdAt,
        Instant updatedAt) {

    public WebhookView {
        subscriptions = List.copyOf(subscriptions);
    }
}
