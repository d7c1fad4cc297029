package dev.switchboard.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A voice as responses show it, in the platform SDK's shape: {@code id}, {@code user_id}, {@code type}
 * ({@code voice_eleven_labs}, {@code voice_azure}, ...) and that type's settings, every one present ({@code null}
 * when unset), then Switchboard's additive {@code label}, {@code description}, {@code created_at},
 * {@code updated_at}. {@code settings} holds the type's settings by their JSON names.
 */
public record VoiceView(
        UUID id,
        UUID userId,
        String type,
        @Nullable String label,
        @Nullable String description,
        Map<String, @Nullable Object> settings,
        Instant createdAt,
        Instant updatedAt) {

    public VoiceView {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The JSON object: the SDK's keys in its order, the type's settings in the middle. */
    @JsonValue
    Map<String, @Nullable Object> json() {
        var json = new LinkedHashMap<String, @Nullable Object>();
        json.put("id", id);
        json.put("user_id", userId);
        json.put("type", type);
        for (VoiceTypes.Setting s : VoiceTypes.settings(type)) {
            json.put(s.name(), settings.get(s.name()));
        }
        settings.forEach(json::putIfAbsent);
        json.put("label", label);
        json.put("description", description);
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        return json;
    }
}
