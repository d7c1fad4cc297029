package dev.switchboard.agents;

import dev.switchboard.agents.Checks.Reference;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** A user's prompts, each optionally built on one of the user's prompt templates. */
@Service
class PromptService {

    static final int MAX_CONTENT = 100_000;
    static final int MAX_COLLECT_FIELDS = 50;
    static final int MAX_COLLECT_FIELD = 100;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    private final PromptRepository prompts;
    private final PromptTemplateRepository templates;
    private final Clock clock;

    PromptService(PromptRepository prompts, PromptTemplateRepository templates, Clock clock) {
        this.prompts = prompts;
        this.templates = templates;
        this.clock = clock;
    }

    PromptView create(UUID userId, PromptRequest request) {
        RequestErrors errors = new RequestErrors();
        Checked c = check(userId, request, true, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var prompt = new PromptView(UUID.randomUUID(), userId, Checks.blankToNull(request.label()),
                Checks.blankToNull(request.description()), request.content() == null ? "" : request.content(), Checks.blankToNull(request.contextEndpoint()),
                c.collectFields() == null ? List.of() : c.collectFields(),
                request.type() == null ? Vocabulary.PROMPT_TYPES.getFirst() : request.type(),
                c.tags() == null ? List.of() : c.tags(), c.template(), now, now);
        prompts.insert(prompt);
        return prompt;
    }

    PromptView get(UUID userId, UUID id) {
        return prompts.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<PromptView> list(UUID userId, PageRequest page) {
        return Page.counted(prompts.list(userId, page), prompts.count(userId), page);
    }

    PromptView update(UUID userId, UUID id, PromptRequest request) {
        PromptView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        Checked c = check(userId, request, false, errors);
        errors.throwIfAny();
        var updated = new PromptView(id, userId,
                request.label() == null ? current.label() : Checks.blankToNull(request.label()),
                request.description() == null ? current.description() : Checks.blankToNull(request.description()),
                request.content() == null ? current.content() : request.content(),
                request.contextEndpoint() == null ? current.contextEndpoint()
                        : Checks.blankToNull(request.contextEndpoint()),
                c.collectFields() == null ? current.collectFields() : c.collectFields(),
                request.type() == null ? current.type() : request.type(),
                c.tags() == null ? current.tags() : c.tags(),
                c.templateRef() == null ? current.promptTemplate() : c.template(),
                current.createdAt(), clock.instant());
        if (!prompts.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    private record Checked(@Nullable List<CollectField> collectFields, @Nullable List<String> tags,
            @Nullable Reference templateRef, @Nullable PromptTemplateView template) {}

    private Checked check(UUID userId, PromptRequest r, boolean creating, RequestErrors errors) {
        Checks.labelAndDescription(r.label(), r.description(), errors);
        // optional, as in the platform's SDK (PromptParams.content): a prompt may be all template
        Checks.maxLength("content", r.content(), MAX_CONTENT, errors);
        if (r.contextEndpoint() != null && !r.contextEndpoint().isEmpty()) {
            Checks.httpUrl("context_endpoint", r.contextEndpoint(), errors);
        }
        Checks.oneOf("type", r.type(), Vocabulary.PROMPT_TYPES, errors);
        List<CollectField> collectFields = CollectField.check(r.collectFields(), MAX_COLLECT_FIELDS,
                MAX_COLLECT_FIELD, errors);
        List<String> tags = Checks.strings("tags", r.tags(), MAX_TAGS, MAX_TAG, null, "", errors);
        Reference ref = Checks.reference("prompt_template", "a prompt template", r.promptTemplate(), errors);
        PromptTemplateView template = null;
        if (ref != null && ref.id() != null) {
            template = templates.findAll(userId, Set.of(ref.id())).get(ref.id());
            if (template == null) {
                errors.add("prompt_template", "is not the id of a prompt template of yours");
            }
        }
        return new Checked(collectFields, tags, ref, template);
    }

    private static ResourceNotFound notFound(UUID id) {
        return new ResourceNotFound("No such prompt");
    }
}
