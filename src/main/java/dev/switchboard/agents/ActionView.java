package dev.switchboard.agents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An action as responses show it (an item of the seed's {@code inbound_agent.actions}). */
public record ActionView(
        UUID id,
        UUID userId,
        String type,
        @Nullable String label,
        @Nullable String description,
        Map<String, Object> config,
        Map<String, Object> actionTrigger,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The SDK's {@code ExternalActionConfig} requires {@code input_schema}, {@code speak_on_send} and
     * {@code speak_on_receive}; an external action created without them (or stored before) shows their defaults.
     */
    public ActionView {
        if (type.equals("action_external")) {
            var filled = new java.util.LinkedHashMap<String, Object>(config);
            filled.putIfAbsent("input_schema", Map.of());
            filled.putIfAbsent("speak_on_send", false);
            filled.putIfAbsent("speak_on_receive", false);
            config = java.util.Collections.unmodifiableMap(filled);
        }
    }
}
