package dev.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signature against a value computed elsewhere (openssl), and the retry schedule's waits, cap and end. */
class SignaturesAndRetryScheduleTest {

    private static final WebhooksProperties.Retry DEFAULTS = new WebhooksProperties.Retry(Duration.ofSeconds(30), 2,
            Duration.ofHours(1), 0.2, Duration.ofHours(24));

    @Test
    void theSignatureIsTheHmacOfTimestampDotBody() {
        // printf '%s' '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac whsec_abc
        assertThat(Signatures.header("whsec_abc", 1_700_000_000L, "{\"id\":\"e1\"}"))
                .isEqualTo("t=1700000000,v1=4671fd6e72be2b3c1fead12a3f59f85bcbf307fd5450617573c04b26802d4479");
    }

    @Test
    void waitsDoubleFrom30SecondsUpToAnHour() {
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, () -> 0.5);
        assertThat(java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(schedule::baseDelay).map(Duration::toSeconds))
                .containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3600L, 3600L);
    }

    @Test
    void jitterSpreadsEachWaitByAFifthEitherWay() {
        Instant queued = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = queued.plusSeconds(100);
        assertThat(new RetrySchedule(DEFAULTS, () -> 0.0).next(2, now, queued)).isEqualTo(now.plusSeconds(48));
        assertThat(new RetrySchedule(DEFAULTS, () -> 0.5).next(2, now, queued)).isEqualTo(now.plusSeconds(60));
        assertThat(new RetrySchedule(DEFAULTS, () -> 0.999_999).next(2, now, queued)).isEqualTo(now.plusSeconds(72));
    }

    @Test
    void aRetryPastTheDayIsNotScheduled() {
        RetrySchedule schedule = new RetrySchedule(DEFAULTS, () -> 0.5);
        Instant queued = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(schedule.next(20, queued.plus(Duration.ofHours(22)), queued)).isEqualTo(queued.plus(Duration.ofHours(23)));
        assertThat(schedule.next(21, queued.plus(Duration.ofHours(23).plusMinutes(1)), queued)).isNull();
        // how many attempts the defaults make in a day without jitter: the first, then every retry that fits
        int attempts = 1;
        Instant at = queued;
        while ((at = schedule.next(attempts, at, queued)) != null) {
            attempts++;
        }
        assertThat(attempts).isEqualTo(30);
    }
}
