package dev.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.numbers.NumberEvent;
import dev.switchboard.numbers.PhoneNumberView;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON a webhook receives: {@code {"id", "type", "created_at", "data": <the number as the API shows it>,
 * "detail"?}}. {@code detail} is there for the routing failure events only.
 */
record EventBody(
        UUID id,
        String type,
        Instant createdAt,
        PhoneNumberView data,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String detail) {

    static EventBody of(NumberEvent event) {
        return new EventBody(event.id(), event.type().wireName(), event.occurredAt(), event.number(), event.detail());
    }
}
