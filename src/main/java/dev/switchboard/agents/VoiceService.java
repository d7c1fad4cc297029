package dev.switchboard.agents;

import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A user's voices, in the platform SDK's union keyed by {@code type} (see {@link VoiceTypes}). Provider API keys
 * ({@code api_key}) are refused: Switchboard keeps secrets only in account connections, encrypted, and a voice is
 * shown in full to whoever can read it.
 */
@Service
class VoiceService {

    private static final Set<String> OWN_FIELDS = Set.of("type", "label", "description");

    private final VoiceRepository voices;
    private final Clock clock;

    VoiceService(VoiceRepository voices, Clock clock) {
        this.voices = voices;
        this.clock = clock;
    }

    VoiceView create(UUID userId, VoiceRequest request) {
        RequestErrors errors = new RequestErrors();
        String type = request.type();
        if (type == null || !VoiceTypes.SETTINGS.containsKey(type)) {
            errors.add("type", (request.fields().get("type") == null ? "is required; " : "must be ")
                    + "one of " + VoiceTypes.SETTINGS.keySet());
            for (String key : request.fields().keySet()) {
                if (!OWN_FIELDS.contains(key) && VoiceTypes.SETTINGS.values().stream().flatMap(List::stream)
                        .noneMatch(s -> s.name().equals(key))) {
                    errors.add(key, "unknown field of a voice");
                }
            }
            checkOwn(request, errors);
            errors.throwIfAny();
            throw new IllegalStateException("unreachable");
        }
        Map<String, @Nullable Object> settings = settings(type, request, Map.of(), errors);
        checkOwn(request, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var voice = new VoiceView(UUID.randomUUID(), userId, type, text(request, "label"),
                text(request, "description"), settings, now, now);
        voices.insert(voice);
        return voice;
    }

    /** The voice an agent's body describes inline (the SDK's {@code AgentParams.voice} as an object), created. */
    VoiceView createInline(UUID userId, Map<String, @Nullable Object> fields) {
        return create(userId, new VoiceRequest(fields));
    }

    VoiceView get(UUID userId, UUID id) {
        return voices.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<VoiceView> list(UUID userId, PageRequest page) {
        return Page.counted(voices.list(userId, page), voices.count(userId), page);
    }

    VoiceView update(UUID userId, UUID id, VoiceRequest request) {
        VoiceView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        Object type = request.fields().get("type");
        if (type != null && !type.equals(current.type())) {
            // the SDK's update params always carry the type; another type would leave settings that do not fit
            errors.add("type", "cannot change (this voice is " + current.type() + ")");
        }
        Map<String, @Nullable Object> settings = settings(current.type(), request, current.settings(), errors);
        checkOwn(request, errors);
        errors.throwIfAny();
        var updated = new VoiceView(id, userId, current.type(),
                request.fields().containsKey("label") ? text(request, "label") : current.label(),
                request.fields().containsKey("description") ? text(request, "description") : current.description(),
                settings, current.createdAt(), clock.instant());
        if (!voices.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    /** The type's settings from the request over the current ones; unknown keys and secrets named as errors. */
    private static Map<String, @Nullable Object> settings(String type, VoiceRequest request,
            Map<String, @Nullable Object> current, RequestErrors errors) {
        var allowed = new LinkedHashMap<String, VoiceTypes.Setting>();
        VoiceTypes.settings(type).forEach(s -> allowed.put(s.name(), s));
        for (String key : request.fields().keySet()) {
            if (!allowed.containsKey(key) && !OWN_FIELDS.contains(key)) {
                errors.add(key, "unknown field for a voice of type " + type + "; expected any of " + allowed.keySet());
            }
        }
        var settings = new LinkedHashMap<String, @Nullable Object>();
        for (VoiceTypes.Setting s : allowed.values()) {
            Object sent = request.fields().get(s.name());
            if (s.name().equals("api_key") && sent != null) {
                errors.add("api_key", "is not stored by Switchboard: keep the provider's key with the provider's"
                        + " account (secrets live only in account connections, encrypted)");
                continue;
            }
            Object value = sent != null ? VoiceTypes.check(s, sent, errors) : current.get(s.name());
            if (value == null && s.required() && sent == null) {
                errors.add(s.name(), "is required for a voice of type " + type);
            }
            if (value == null && type.equals("voice_vocode")) {
                value = "joe";
            }
            if (value != null) {
                settings.put(s.name(), value);
            }
        }
        return settings;
    }

    private static void checkOwn(VoiceRequest request, RequestErrors errors) {
        for (String field : new String[] {"label", "description"}) {
            Object value = request.fields().get(field);
            if (value != null && !(value instanceof String)) {
                errors.add(field, "must be a string");
            }
        }
        Checks.labelAndDescription(text(request, "label"), text(request, "description"), errors);
    }

    private static @Nullable String text(VoiceRequest request, String field) {
        return request.fields().get(field) instanceof String s ? Checks.blankToNull(s) : null;
    }

    private static ResourceNotFound notFound(UUID id) {
        return new ResourceNotFound("No such voice");
    }
}
