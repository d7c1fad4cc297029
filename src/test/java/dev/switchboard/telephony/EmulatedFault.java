package dev.switchboard.telephony;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Something going wrong between Switchboard and an emulated provider, in place of the provider's answer. The kinds
 * are the same for every provider; each emulator's {@code Fault} holder builds the provider's own error bodies, HTML
 * pages and broken JSON as {@link Respond}s.
 */
public sealed interface EmulatedFault {

    /** Answers with exactly this status, content type, body and headers. */
    record Respond(int status, String contentType, String body, Map<String, String> headers) implements EmulatedFault {}

    /** Starts answering (the provider's real answer) only after this long, or when the emulator closes. */
    record StallBeforeAnswer(Duration stall) implements EmulatedFault {}

    /**
     * Answers (the provider's real answer) only once the test opens the gate, or the emulator closes: a provider
     * that is slow for exactly as long as a test needs, e.g. until concurrent searches have all arrived.
     */
    record HoldUntil(CountDownLatch gate) implements EmulatedFault {}

    /** Sends the status line and half of the provider's real body at once, the rest after this long. */
    record StallMidBody(Duration stall) implements EmulatedFault {}

    /** Sends the status line and half of the provider's real body, then closes the connection. */
    record CloseMidBody() implements EmulatedFault {}

    /** Closes the connection without answering at all (to the client, what a reset looks like). */
    record DropConnection() implements EmulatedFault {}
}
