package dev.switchboard.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.jspecify.annotations.Nullable;

/**
 * What {@code POST /v1/webhooks/create} and {@code /update} answer: the webhook, plus {@code signing_secret} in the one
 * answer that made it (create, or an update that gave the webhook its first or a rotated secret). It is shown there
 * only: Switchboard keeps it encrypted and never shows or logs it again.
 */
public record WebhookAnswer(
        @JsonUnwrapped WebhookView webhook,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String signingSecret) {

    static WebhookAnswer of(WebhookView webhook, @Nullable String signingSecret) {
        return new WebhookAnswer(webhook, signingSecret);
    }

    @Override
    public String toString() {
        return "WebhookAnswer[webhook=" + webhook + ", signingSecret=" + (signingSecret == null ? "none" : "****") + "]";
    }
}
