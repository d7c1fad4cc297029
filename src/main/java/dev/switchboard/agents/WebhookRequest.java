package dev.switchboard.agents;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /v1/webhooks/create} and {@code /update}; on update, omitted fields stay. */
public record WebhookRequest(
        @Nullable List<@Nullable String> subscriptions,
        @Nullable String url,
        @Nullable String method,
        @Nullable String label,
        @Nullable String description) {}
