package dev.switchboard.numbers;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles purchases left pending by a crash or a database outage: once when the service starts, then every
 * {@code switchboard.numbers.reconciliation.interval}. Only purchases older than the grace period are touched, so
 * a request still waiting for its provider settles its own. Of several instances on one database, one runs it each
 * interval (the {@value #LOCK} lock); the run at start is every instance's own. Two runs at once are safe anyway
 * (each settlement locks its purchase).
 */
@Component
class PurchaseReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PurchaseReconciliation.class);

    private final NumberPurchases purchases;
    private final NumbersProperties properties;
    private final Clock clock;

    PurchaseReconciliation(NumberPurchases purchases, NumbersProperties properties, Clock clock) {
        this.purchases = purchases;
        this.properties = properties;
        this.clock = clock;
    }

    /** The lock of this job (the {@code shedlock} table): one instance reconciles each period. */
    static final String LOCK = "purchase-reconciliation";

    // Not locked: each instance repairs once as it starts, at once, whatever lock the process it replaces left behind
    // (that lock holds for the rest of its period, and a restart within it would skip the repair). Settling is safe
    // when instances started together do it at once.
    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        run();
    }

    @Scheduled(fixedDelayString = "${switchboard.numbers.reconciliation.interval:1m}",
            initialDelayString = "${switchboard.numbers.reconciliation.interval:1m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "${switchboard.numbers.reconciliation.interval:1m}",
            lockAtLeastFor = "${switchboard.numbers.reconciliation.interval:1m}")
    void periodically() {
        run();
    }

    /** Settles what is pending beyond the grace period; returns how many purchases were settled. */
    int run() {
        try {
            return purchases.reconcile(clock.instant().minus(properties.reconciliation().grace()));
        } catch (RuntimeException e) {
            // the database may be the thing that is down: try again next time
            log.warn("Reconciliation of pending purchases did not run: {}", e.getMessage());
            return 0;
        }
    }
}
