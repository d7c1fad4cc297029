package dev.switchboard.telephony.vonage;

import java.time.Duration;

/**
 * The point in time by which one port call must have answered. Every HTTP exchange a call makes (pages, the
 * best-effort retry) draws on the same budget, so the port call as a whole keeps the deadline.
 *
 * @param budget the whole deadline, as configured, for the fault message
 */
record Deadline(long endNanos, Duration budget) {

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }
}
