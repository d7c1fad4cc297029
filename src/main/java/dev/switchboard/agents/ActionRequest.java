package dev.switchboard.agents;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /v1/actions/create} and {@code /update}; on update, omitted fields stay. */
public record ActionRequest(
        @Nullable String type,
        @Nullable String label,
        @Nullable String description,
        @Nullable Map<String, @Nullable Object> config,
        @Nullable Map<String, @Nullable Object> actionTrigger) {}
