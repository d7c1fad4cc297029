package dev.switchboard.connections;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /v1/account_connections/create}; checked by the service, which names every problem. */
public record CreateAccountConnectionRequest(
        @Nullable String type,
        @Nullable String label,
        @Nullable String description,
        @Nullable Map<String, @Nullable Object> credentials,
        @Nullable List<@Nullable String> steeringPool,
        @Nullable Boolean accountSupportsAnyCallerId,
        @Nullable Map<String, @Nullable Object> config) {}
