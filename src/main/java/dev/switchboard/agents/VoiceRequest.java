package dev.switchboard.agents;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/voices/create} and {@code /update} in the SDK's shape: {@code type} and that type's
 * settings ({@code {"type": "voice_eleven_labs", "voice_id": "..."}}), plus Switchboard's optional {@code label} and
 * {@code description}. Kept as the JSON object it came as, since which keys are allowed depends on {@code type};
 * {@link VoiceService} checks it. On update, omitted (or null) settings stay.
 */
public record VoiceRequest(Map<String, @Nullable Object> fields) {

    public VoiceRequest {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Nullable String type() {
        return fields.get("type") instanceof String s ? s : null;
    }
}
