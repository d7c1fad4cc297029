package dev.switchboard.events;

import dev.switchboard.agents.WebhookSubscriptions;
import dev.switchboard.agents.WebhookTargets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One delivery attempt: the SSRF guard on the addresses the webhook's host resolves to now, then a POST of the
 * event's body, signed, with short timeouts and redirects never followed (a 3xx is a failed attempt). The signing
 * secret and the signature are never logged.
 */
@Component
class WebhookSender {

    /** How an attempt went: {@code delivered} on a 2xx; {@code final} when retrying cannot help. */
    record Outcome(boolean delivered, boolean isFinal, @Nullable Integer statusCode, @Nullable String error) {}

    private final WebhookSubscriptions subscriptions;
    private final WebhookTargets targets;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(WebhookSubscriptions subscriptions, WebhookTargets targets, WebhooksProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.delivery().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Outcome send(Delivery delivery) {
        Optional<WebhookSubscriptions.Target> found = subscriptions.target(delivery.userId(), delivery.webhookId());
        if (found.isEmpty()) {
            return new Outcome(false, true, null, "the webhook no longer exists");
        }
        WebhookSubscriptions.Target target = found.get();
        // Checked on the addresses the host resolves to now; the JVM caches that answer (30 s by default), so the
        // request below connects to an address this check saw.
        Optional<String> refused = targets.refusal(target.url(), true);
        if (refused.isPresent()) {
            boolean unresolved = refused.get().contains("does not resolve");
            return new Outcome(false, !unresolved, null, "url " + refused.get());
        }
        long now = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(properties.delivery().readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Switchboard-Webhooks/1")
                .header(Signatures.EVENT_ID_HEADER, delivery.eventId().toString())
                .header(Signatures.HEADER, Signatures.header(target.signingSecret(), now, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, false, status, null);
            }
            return new Outcome(false, false, status, "answered HTTP " + status
                    + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
        } catch (HttpTimeoutException e) {
            return new Outcome(false, false, null, "no answer in time: " + e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, false, null, "request failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, false, null, "interrupted while sending (the service was stopping)");
        }
    }
}
