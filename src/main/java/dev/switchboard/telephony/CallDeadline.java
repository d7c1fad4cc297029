package dev.switchboard.telephony;

import java.time.Duration;

/**
 * The moment by which one port call must have answered, retries and their waits included. Measured on the
 * monotonic clock, so a wall-clock jump neither shortens nor stretches it.
 *
 * @param budget the whole deadline, as configured, for the fault message
 */
record CallDeadline(long endNanos, Duration budget) {

    static CallDeadline after(Duration budget) {
        return new CallDeadline(System.nanoTime() + budget.toNanos(), budget);
    }

    long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    boolean passed() {
        return remainingNanos() <= 0;
    }
}
