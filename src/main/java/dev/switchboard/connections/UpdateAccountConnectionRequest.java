package dev.switchboard.connections;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/account_connections/update}: only what changes. {@code credentials} may hold just
 * the fields being rotated; {@code type} may be repeated but not changed.
 */
public record UpdateAccountConnectionRequest(
        @Nullable String type,
        @Nullable String label,
        @Nullable String description,
        @Nullable Map<String, @Nullable Object> credentials,
        @Nullable List<@Nullable String> steeringPool,
        @Nullable Boolean accountSupportsAnyCallerId,
        @Nullable Map<String, @Nullable Object> config) {}
