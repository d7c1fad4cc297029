package dev.switchboard.idempotency;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets expired idempotency keys every {@code switchboard.idempotency.purge-interval}, so the table holds at most
 * a day of them. Of several instances on one database, one purges each interval (the {@value #LOCK} lock). A bean of
 * its own, not a method of the request filter, because the lock wraps its bean in a proxy.
 */
@Component
class IdempotencyPurge {

    static final String LOCK = "idempotency-purge";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyKeyRepository keys;
    private final Clock clock;

    IdempotencyPurge(IdempotencyKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${switchboard.idempotency.purge-interval:1h}",
            initialDelayString = "${switchboard.idempotency.purge-interval:1h}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "${switchboard.idempotency.purge-interval:1h}",
            lockAtLeastFor = "${switchboard.idempotency.purge-interval:1h}")
    void purgeExpired() {
        int purged = keys.deleteExpired(clock.instant());
        if (purged > 0) {
            log.info("forgot {} expired idempotency keys", purged);
        }
    }
}
