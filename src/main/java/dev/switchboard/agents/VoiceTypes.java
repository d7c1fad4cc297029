package dev.switchboard.agents;

import dev.switchboard.web.RequestErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The voice kinds the platform's SDK models, a union keyed by {@code type} ({@code voice_eleven_labs},
 * {@code voice_azure}, {@code voice_play_ht}, {@code voice_rime}, {@code voice_vocode}), and the settings each takes
 * with their JSON kinds, in the SDK's order. The first setting of each kind is the one that names the voice
 * (stored in the {@code voice_id} column); the others are kept in {@code config}.
 */
final class VoiceTypes {

    private VoiceTypes() {}

    enum Kind { TEXT, NUMBER, INTEGER, BOOLEAN }

    /** One setting: its name, JSON kind, allowed values (empty: any) and whether a voice needs it. */
    record Setting(String name, Kind kind, List<String> values, boolean required) {}

    private static Setting text(String name) {
        return new Setting(name, Kind.TEXT, List.of(), false);
    }

    private static Setting number(String name) {
        return new Setting(name, Kind.NUMBER, List.of(), false);
    }

    static final Map<String, List<Setting>> SETTINGS;

    static {
        var m = new LinkedHashMap<String, List<Setting>>();
        m.put("voice_eleven_labs", List.of(new Setting("voice_id", Kind.TEXT, List.of(), true), number("stability"),
                number("similarity_boost"), text("api_key"),
                new Setting("optimize_streaming_latency", Kind.INTEGER, List.of(), false), text("model_id"),
                new Setting("experimental_input_streaming", Kind.BOOLEAN, List.of(), false)));
        m.put("voice_azure", List.of(new Setting("voice_name", Kind.TEXT, List.of(), true),
                new Setting("pitch", Kind.INTEGER, List.of(), false),
                new Setting("rate", Kind.INTEGER, List.of(), false)));
        m.put("voice_play_ht", List.of(new Setting("voice_id", Kind.TEXT, List.of(), true), text("api_user_id"),
                text("api_key"), new Setting("version", Kind.TEXT, List.of("1", "2"), false), number("speed"),
                new Setting("quality", Kind.TEXT, List.of("faster", "draft", "low", "medium", "high", "premium"),
                        false),
                number("temperature"), number("top_p"), number("text_guidance"), number("voice_guidance"),
                new Setting("experimental_remove_silence", Kind.BOOLEAN, List.of(), false)));
        m.put("voice_rime", List.of(new Setting("speaker", Kind.TEXT, List.of(), true), number("speed_alpha"),
                new Setting("model_id", Kind.TEXT, List.of("mist", "v1"), false)));
        // the SDK's only Vocode voice is "joe", and it is the default
        m.put("voice_vocode", List.of(new Setting("voice_id", Kind.TEXT, List.of("joe"), false)));
        SETTINGS = java.util.Collections.unmodifiableMap(m);
    }

    /** Kinds stored before voices took the SDK's shape: they read as {@code voice_<provider>} with a voice_id. */
    static final List<String> LEGACY_PROVIDERS = List.of("cartesia", "openai", "deepgram");

    /** The settings of a type, including a legacy one read back (its voice_id only). */
    static List<Setting> settings(String type) {
        List<Setting> settings = SETTINGS.get(type);
        return settings != null ? settings : List.of(new Setting("voice_id", Kind.TEXT, List.of(), true));
    }

    /** The name of the setting that names the voice: stored in the {@code voice_id} column. */
    static String primary(String type) {
        return settings(type).getFirst().name();
    }

    /** Checks one setting's JSON value, adding what is wrong; the value as stored, or null when wrong. */
    static @Nullable Object check(Setting s, @Nullable Object value, RequestErrors errors) {
        if (value == null) {
            return null;
        }
        Object ok = switch (s.kind()) {
            case TEXT -> value instanceof String text && !text.isBlank() && text.length() <= 200 ? text.strip() : null;
            case NUMBER -> value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
            case INTEGER -> value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
        };
        if (ok == null) {
            errors.add(s.name(), switch (s.kind()) {
                case TEXT -> "must be a non-blank string of at most 200 characters";
                case NUMBER -> "must be a number";
                case INTEGER -> "must be an integer";
                case BOOLEAN -> "must be true or false";
            });
            return null;
        }
        if (!s.values().isEmpty() && !s.values().contains(ok)) {
            errors.add(s.name(), "must be one of " + s.values());
            return null;
        }
        return ok;
    }
}
