package dev.switchboard.numbers;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a number a user holds, published with Spring's {@code ApplicationEventPublisher}
 * inside the transaction that made it happen, so that a listener running in that transaction (the webhook
 * outbox) records it in the same commit, or not at all.
 *
 * @param id the event's own id, the one a receiver deduplicates on
 * @param type what happened
 * @param userId whose number it is
 * @param number the number as the API shows it after the change
 * @param detail a sentence for the failure events (why routing failed or drifted), null otherwise
 * @param occurredAt when it happened, from the service's clock
 */
public record NumberEvent(
        UUID id, Type type, UUID userId, PhoneNumberView number, @Nullable String detail, Instant occurredAt) {

    /** The event types webhooks receive, with their wire names. */
    public enum Type {
        PURCHASED("number.purchased"),
        LINKED("number.linked"),
        UPDATED("number.updated"),
        RELEASED("number.released"),
        ROUTING_FAILED("number.routing_failed"),
        ROUTING_DRIFTED("number.routing_drifted");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The name a webhook receives in the event's {@code type}. */
        public String wireName() {
            return wireName;
        }
    }
}
