package dev.switchboard.agents;

import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** A user's webhooks: where call events are sent, and which. */
@Service
class WebhookService {

    private final WebhookRepository webhooks;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
    }

    WebhookView create(UUID userId, WebhookRequest request) {
        RequestErrors errors = new RequestErrors();
        List<String> subscriptions = check(request, true, errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var webhook = new WebhookView(UUID.randomUUID(), userId, Objects.requireNonNull(subscriptions),
                Objects.requireNonNull(request.url()), request.method() == null ? "POST" : request.method(),
                Checks.blankToNull(request.label()), Checks.blankToNull(request.description()), now, now);
        webhooks.insert(webhook);
        return webhook;
    }

    WebhookView get(UUID userId, UUID id) {
        return webhooks.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<WebhookView> list(UUID userId, PageRequest page) {
        return Page.counted(webhooks.list(userId, page), webhooks.count(userId), page);
    }

    WebhookView update(UUID userId, UUID id, WebhookRequest request) {
        WebhookView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        List<String> subscriptions = check(request, false, errors);
        errors.throwIfAny();
        var updated = new WebhookView(id, userId, subscriptions == null ? current.subscriptions() : subscriptions,
                request.url() == null ? current.url() : request.url(),
                request.method() == null ? current.method() : request.method(),
                request.label() == null ? current.label() : Checks.blankToNull(request.label()),
                request.description() == null ? current.description() : Checks.blankToNull(request.description()),
                current.createdAt(), clock.instant());
        if (!webhooks.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    static @Nullable List<String> check(WebhookRequest r, boolean creating, RequestErrors errors) {
        Checks.labelAndDescription(r.label(), r.description(), errors);
        List<String> subscriptions = Checks.strings("subscriptions", r.subscriptions(),
                Vocabulary.WEBHOOK_EVENTS.size(), 64, null, "", errors);
        if (subscriptions != null) {
            for (int i = 0; i < subscriptions.size(); i++) {
                if (!Vocabulary.WEBHOOK_EVENTS.contains(subscriptions.get(i))) {
                    errors.add("subscriptions[" + r.subscriptions().indexOf(subscriptions.get(i)) + "]",
                            "must be one of " + Vocabulary.WEBHOOK_EVENTS);
                }
            }
        }
        if ((creating || r.subscriptions() != null) && (r.subscriptions() == null || r.subscriptions().isEmpty())) {
            errors.add("subscriptions", "is required: at least one of " + Vocabulary.WEBHOOK_EVENTS);
        }
        if (creating && r.url() == null) {
            errors.add("url", "is required: an absolute http or https URL");
        }
        Checks.httpUrl("url", r.url(), errors);
        Checks.oneOf("method", r.method(), Vocabulary.WEBHOOK_METHODS, errors);
        return subscriptions;
    }

    private static ResourceNotFound notFound(UUID id) {
        return new ResourceNotFound("No such webhook");
    }
}
