package dev.switchboard.numbers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The two routing jobs: the reconciler, which retries pending routings when they are due (every
 * {@code switchboard.routing.retry.interval}), and the drift check, which reads every routed number back at its
 * provider (every {@code switchboard.routing.drift-check-period}).
 *
 * <p>Both are safe on several instances at once. The reconciler claims each routing before trying it (a conditional
 * update, {@link RoutingRepository#claim}), so one instance tries it. The drift check is meant to run on one instance
 * at a time under the lock {@value RoutingProperties#DRIFT_CHECK_LOCK}, and is idempotent besides: it only reads the
 * provider, and records a change with a conditional update on the status it read, so two instances checking the
 * same number at once record (and publish) a change once.
 */
@Component
class RoutingJobs {

    private static final Logger log = LoggerFactory.getLogger(RoutingJobs.class);

    private final NumberRouting routing;
    private final RoutingRepository routes;
    private final RoutingProperties properties;

    /** Of several instances on one database, one retries pending routings each interval. */
    static final String RETRY_LOCK = "routing-retry";

    RoutingJobs(NumberRouting routing, RoutingRepository routes, RoutingProperties properties) {
        this.routing = routing;
        this.routes = routes;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${switchboard.routing.retry.interval:15s}",
            initialDelayString = "${switchboard.routing.retry.interval:15s}")
    @SchedulerLock(name = RETRY_LOCK, lockAtMostFor = "${switchboard.routing.retry.interval:15s}",
            lockAtLeastFor = "${switchboard.routing.retry.interval:15s}")
    void retryPending() {
        try {
            int tried = routing.retryDue();
            if (tried > 0) {
                log.info("Tried {} pending number routings", tried);
            }
        } catch (RuntimeException e) {
            // the database may be the thing that is down: try again next time
            log.warn("Pending number routings were not retried: {}", e.getMessage());
        }
    }

    /** Of several instances on one database, one checks each period (the lock). */
    @Scheduled(fixedDelayString = "${switchboard.routing.drift-check-period:10m}",
            initialDelayString = "${switchboard.routing.drift-check-period:10m}")
    @SchedulerLock(name = RoutingProperties.DRIFT_CHECK_LOCK, lockAtMostFor = "${switchboard.routing.drift-check-period:10m}",
            lockAtLeastFor = "${switchboard.routing.drift-check-period:10m}")
    void driftCheck() {
        checkDrift();
    }

    /** One drift check run; returns how many numbers it read. */
    int checkDrift() {
        int checked = 0;
        java.util.List<RoutingRepository.Due> due;
        try {
            due = routes.toCheck(properties.driftCheckBatch());
        } catch (RuntimeException e) {
            // the database may be the thing that is down: try again next time
            log.warn("Routing drift check did not run: {}", e.getMessage());
            return 0;
        }
        for (RoutingRepository.Due number : due) {
            try {
                routing.check(number.userId(), number.id());
                checked++;
            } catch (RuntimeException e) {
                // one number's trouble (its connection's credentials no longer decrypt, ...) stops no other's check
                log.warn("Drift check of number {} failed: {}", number.id(), e.getMessage());
            }
        }
        return checked;
    }
}
