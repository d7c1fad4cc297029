package dev.switchboard.numbers;

import dev.switchboard.telephony.RoutingTarget;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where Switchboard pointed a held number at its provider and how that stands, as stored beside the number.
 *
 * @param status {@link #OK}, {@link #PENDING}, {@link #FAILED}, {@link #DRIFTED} or {@link #RELEASED_EXTERNALLY}
 * @param target what Switchboard set; null when it points the number nowhere (no agent, or nothing configured)
 * @param previous where a linked number pointed before it was linked (restored when it is cancelled); null otherwise
 * @param checkedAt when the provider last confirmed (or denied) the target
 * @param detail why it is not ok, or what was decided, in a sentence
 * @param attempts failed attempts since the routing became pending
 * @param nextAttemptAt when a pending routing is tried next
 */
record RoutingState(
        String status,
        @Nullable RoutingTarget target,
        @Nullable RoutingTarget previous,
        @Nullable Instant checkedAt,
        @Nullable String detail,
        int attempts,
        @Nullable Instant nextAttemptAt) {

    static final String OK = "ok";
    static final String PENDING = "pending";
    static final String FAILED = "failed";
    static final String DRIFTED = "drifted";
    static final String RELEASED_EXTERNALLY = "released_externally";

    /** A number recorded before routing existed: nothing set, nothing to check. */
    static final RoutingState UNMANAGED = new RoutingState(OK, null, null, null, null, 0, null);

    RoutingState with(String newStatus, @Nullable RoutingTarget newTarget, @Nullable Instant newCheckedAt,
            @Nullable String newDetail, int newAttempts, @Nullable Instant newNextAttemptAt) {
        return new RoutingState(newStatus, newTarget, previous, newCheckedAt, newDetail, newAttempts, newNextAttemptAt);
    }
}
