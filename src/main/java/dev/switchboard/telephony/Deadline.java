package dev.switchboard.telephony;

import java.time.Duration;

/**
 * The moment by which one port call must have answered. Every HTTP exchange the call makes (pages, a best-effort
 * retry, a diagnosis) and the resilience layer's retries and their waits draw on the same budget, so the port call
 * as a whole keeps the deadline. Measured on the monotonic clock, so a wall-clock jump neither shortens nor
 * stretches it.
 *
 * @param endNanos the moment, on {@link System#nanoTime()}'s clock
 * @param budget the whole deadline, as configured, for the fault message
 */
public record Deadline(long endNanos, Duration budget) {

    /** The deadline that ends {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** What is left of the budget; zero or negative once the deadline has passed. */
    public Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    /** What is left of the budget in nanoseconds; zero or negative once the deadline has passed. */
    public long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    /** Whether the deadline has passed. */
    public boolean passed() {
        return remainingNanos() <= 0;
    }
}
