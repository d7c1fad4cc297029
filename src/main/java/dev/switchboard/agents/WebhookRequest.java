package dev.switchboard.agents;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/webhooks/create} and {@code /update}; on update, omitted fields stay. {@code number_events}
 * and {@code rotate_signing_secret} are Switchboard's (the platform's SDK never sends them).
 */
public record WebhookRequest(
        @Nullable List<@Nullable String> subscriptions,
        @Nullable String url,
        @Nullable String method,
        @Nullable String label,
        @Nullable String description,
        @Nullable List<@Nullable String> numberEvents,
        @Nullable Boolean rotateSigningSecret) {}
