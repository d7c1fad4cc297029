package dev.switchboard.agents;

import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/** A user's prompt templates: the context keys a prompt built on them needs. */
@Service
class PromptTemplateService {

    static final int MAX_KEYS = 50;
    static final int MAX_KEY = 64;
    static final Pattern CONTEXT_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final PromptTemplateRepository templates;
    private final Clock clock;

    PromptTemplateService(PromptTemplateRepository templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    PromptTemplateView create(UUID userId, PromptTemplateRequest request) {
        RequestErrors errors = new RequestErrors();
        List<String> keys = check(request, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var template = new PromptTemplateView(UUID.randomUUID(), userId, keys == null ? List.of() : keys,
                Checks.blankToNull(request.label()), now, now);
        templates.insert(template);
        return template;
    }

    PromptTemplateView get(UUID userId, UUID id) {
        return templates.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<PromptTemplateView> list(UUID userId, PageRequest page) {
        return Page.counted(templates.list(userId, page), templates.count(userId), page);
    }

    PromptTemplateView update(UUID userId, UUID id, PromptTemplateRequest request) {
        PromptTemplateView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        List<String> keys = check(request, errors);
        errors.throwIfAny();
        var updated = new PromptTemplateView(id, userId, keys == null ? current.requiredContextKeys() : keys,
                request.label() == null ? current.label() : Checks.blankToNull(request.label()), current.createdAt(),
                clock.instant());
        if (!templates.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    private static List<String> check(PromptTemplateRequest request, RequestErrors errors) {
        Checks.maxLength("label", request.label(), Checks.MAX_LABEL, errors);
        return Checks.strings("required_context_keys", request.requiredContextKeys(), MAX_KEYS, MAX_KEY, CONTEXT_KEY,
                "a context key: a letter or _ then letters, digits, _ . or -", errors);
    }

    private static ResourceNotFound notFound(UUID id) {
        return new ResourceNotFound("No such prompt template");
    }
}
