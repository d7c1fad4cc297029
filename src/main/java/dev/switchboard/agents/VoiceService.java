package dev.switchboard.agents;

import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** A user's voices: a text-to-speech provider, its voice id and provider-specific settings. */
@Service
class VoiceService {

    static final int MAX_VOICE_ID = 200;

    private final VoiceRepository voices;
    private final Clock clock;

    VoiceService(VoiceRepository voices, Clock clock) {
        this.voices = voices;
        this.clock = clock;
    }

    VoiceView create(UUID userId, VoiceRequest request) {
        RequestErrors errors = new RequestErrors();
        Map<String, Object> config = check(request, true, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var voice = new VoiceView(UUID.randomUUID(), userId, Checks.blankToNull(request.label()),
                Checks.blankToNull(request.description()), Objects.requireNonNull(request.provider()),
                Objects.requireNonNull(request.voiceId()).strip(), config == null ? Map.of() : config, now, now);
        voices.insert(voice);
        return voice;
    }

    VoiceView get(UUID userId, UUID id) {
        return voices.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<VoiceView> list(UUID userId, PageRequest page) {
        return Page.counted(voices.list(userId, page.offset(), page.size()), voices.count(userId), page);
    }

    VoiceView update(UUID userId, UUID id, VoiceRequest request) {
        VoiceView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        Map<String, Object> config = check(request, false, errors);
        errors.throwIfAny();
        var updated = new VoiceView(id, userId,
                request.label() == null ? current.label() : Checks.blankToNull(request.label()),
                request.description() == null ? current.description() : Checks.blankToNull(request.description()),
                request.provider() == null ? current.provider() : request.provider(),
                request.voiceId() == null ? current.voiceId() : request.voiceId().strip(),
                config == null ? current.config() : config, current.createdAt(), clock.instant());
        if (!voices.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    private static Map<String, Object> check(VoiceRequest r, boolean creating, RequestErrors errors) {
        Checks.labelAndDescription(r.label(), r.description(), errors);
        if (creating && r.provider() == null) {
            errors.add("provider", "is required; one of " + Vocabulary.VOICE_PROVIDERS);
        }
        Checks.oneOf("provider", r.provider(), Vocabulary.VOICE_PROVIDERS, errors);
        if (creating || r.voiceId() != null) {
            Checks.required("voice_id", r.voiceId(), MAX_VOICE_ID, errors);
        }
        return Checks.object("config", r.config(), errors);
    }

    private static ResourceNotFound notFound(UUID id) {
        return new ResourceNotFound("No such voice");
    }
}
