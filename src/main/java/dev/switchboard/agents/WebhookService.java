package dev.switchboard.agents;

import dev.switchboard.connections.SealedSecrets;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import dev.switchboard.web.ResourceNotFound;
import java.time.Clock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A user's webhooks: where call events and number events are sent, and which. Each webhook has its own signing
 * secret, made at create, shown in that answer only and kept encrypted ({@link SealedSecrets}).
 */
@Service
class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository webhooks;
    private final WebhookTargets targets;
    private final SealedSecrets secrets;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, WebhookTargets targets, SealedSecrets secrets, Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.secrets = secrets;
        this.clock = clock;
    }

    WebhookAnswer create(UUID userId, WebhookRequest request) {
        RequestErrors errors = new RequestErrors();
        List<String> subscriptions = check(request, true, errors);
        List<String> numberEvents = numberEvents(request, errors);
        checkTarget(request.url(), errors);
        errors.throwIfAny();
        Instant now = clock.instant();
        var webhook = new WebhookView(UUID.randomUUID(), userId, subscriptions == null ? List.of() : subscriptions,
                Objects.requireNonNull(request.url()), request.method() == null ? "POST" : request.method(),
                Checks.blankToNull(request.label()), Checks.blankToNull(request.description()), now, now,
                numberEvents == null ? List.of() : numberEvents);
        String secret = newSecret();
        webhooks.insert(webhook, secrets.seal(secret, webhook.id(), userId));
        return WebhookAnswer.of(webhook, secret);
    }

    WebhookView get(UUID userId, UUID id) {
        return webhooks.find(userId, id).orElseThrow(() -> notFound(id));
    }

    Page<WebhookView> list(UUID userId, PageRequest page) {
        return Page.counted(webhooks.list(userId, page), webhooks.count(userId), page);
    }

    WebhookAnswer update(UUID userId, UUID id, WebhookRequest request) {
        WebhookView current = get(userId, id);
        RequestErrors errors = new RequestErrors();
        List<String> subscriptions = check(request, false, errors);
        List<String> numberEvents = numberEvents(request, errors);
        checkTarget(request.url(), errors);
        List<String> keptSubscriptions = subscriptions == null ? current.subscriptions() : subscriptions;
        List<String> keptNumberEvents = numberEvents == null ? current.numberEvents() : numberEvents;
        if (keptSubscriptions.isEmpty() && keptNumberEvents.isEmpty()) {
            errors.add(subscriptions != null ? "subscriptions" : "number_events",
                    "a webhook needs at least one event in subscriptions or number_events");
        }
        errors.throwIfAny();
        var updated = new WebhookView(id, userId, keptSubscriptions,
                request.url() == null ? current.url() : request.url(),
                request.method() == null ? current.method() : request.method(),
                request.label() == null ? current.label() : Checks.blankToNull(request.label()),
                request.description() == null ? current.description() : Checks.blankToNull(request.description()),
                current.createdAt(), clock.instant(), keptNumberEvents);
        // a webhook made before signing existed gets its secret with its first update; rotate_signing_secret: a new one
        String secret = Boolean.TRUE.equals(request.rotateSigningSecret()) || webhooks.signingSecret(userId, id).isEmpty()
                ? newSecret() : null;
        if (!webhooks.update(updated, secret == null ? null : secrets.seal(secret, id, userId))) {
            throw notFound(id);
        }
        return WebhookAnswer.of(updated, secret);
    }

    /**
     * {@code number_events}: names from {@link Vocabulary#NUMBER_EVENTS}, kept apart from {@code subscriptions} so that
     * the platform's SDK, whose older releases read subscriptions as a closed enum, parses every webhook.
     */
    private static @Nullable List<String> numberEvents(WebhookRequest r, RequestErrors errors) {
        List<String> events = Checks.strings("number_events", r.numberEvents(), Vocabulary.NUMBER_EVENTS.size(), 64,
                null, "", errors);
        if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                if (!Vocabulary.NUMBER_EVENTS.contains(events.get(i))) {
                    errors.add("number_events[" + r.numberEvents().indexOf(events.get(i)) + "]",
                            "must be one of " + Vocabulary.NUMBER_EVENTS);
                }
            }
        }
        return events;
    }

    /** The SSRF guard at create and update: a URL at a non-public address answers 422 naming {@code url}. */
    private void checkTarget(@Nullable String url, RequestErrors errors) {
        if (url != null && Checks.isHttpUrl(url)) {
            targets.refusal(url, false).ifPresent(why -> errors.add("url", why));
        }
    }

    /** A new signing secret: {@code whsec_} and 32 random bytes in URL-safe base64. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
        boolean numberEventsOnly = r.numberEvents() != null && !r.numberEvents().isEmpty();
        if (creating && !numberEventsOnly && (r.subscriptions() == null || r.subscriptions().isEmpty())) {
            errors.add("subscriptions", "is required: at least one of " + Vocabulary.WEBHOOK_EVENTS
                    + " (or an empty list with number_events given)");
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
