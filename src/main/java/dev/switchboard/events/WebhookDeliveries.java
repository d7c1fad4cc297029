package dev.switchboard.events;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The delivery worker: every {@code switchboard.webhooks.delivery.interval} it claims the due deliveries (each with a
 * lease, so a crashed worker's claims come free again), sends them concurrently and records each outcome: delivered
 * on a 2xx; else retried on the {@link RetrySchedule} until the give-up time, then failed. Safe on several instances
 * at once without a lock: a row is claimed by a compare-and-set UPDATE, so exactly one worker sends each attempt.
 * (With ShedLock in place its lock for this job is named {@code webhook-deliveries}; the claims make it optional.)
 */
@Component
class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final WebhooksProperties properties;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final String claimer;

    /**
     * Of several instances on one database, one runs the worker each interval; the per-row claims below keep a run
     * that outlasts its lock (or {@link #run()} called directly) from sending a delivery twice.
     */
    static final String LOCK = "webhook-deliveries";

    WebhookDeliveries(DeliveryRepository deliveries, WebhookSender sender, WebhooksProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.clock = clock;
        String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        this.claimer = (name.length() > 60 ? name.substring(0, 60) : name) + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(fixedDelayString = "${switchboard.webhooks.delivery.interval:5s}",
            initialDelayString = "${switchboard.webhooks.delivery.interval:5s}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "${switchboard.webhooks.delivery.interval:5s}",
            lockAtLeastFor = "${switchboard.webhooks.delivery.interval:5s}")
    void periodically() {
        try {
            run();
        } catch (RuntimeException e) {
            // the database may be the thing that is down: the claims lapse, and the next run tries again
            log.warn("Webhook deliveries did not run: {}", e.getMessage());
        }
    }

    /** Claims and sends what is due now; returns how many attempts were made. */
    int run() {
        Instant now = clock.instant();
        List<UUID> claimed = new ArrayList<>();
        for (UUID id : deliveries.due(now, properties.delivery().batch())) {
            if (deliveries.claim(id, claimer, now, now.plus(properties.delivery().lease()))) {
                claimed.add(id);
            }
        }
        if (claimed.isEmpty()) {
            return 0;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = claimed.stream().<Future<?>>map(id -> threads.submit(() -> attempt(id))).toList();
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (Exception e) {
                    log.warn("A webhook delivery attempt failed to complete: {}", e.toString());
                }
            }
        }
        return claimed.size();
    }

    private void attempt(UUID id) {
        Delivery delivery = deliveries.get(id);
        WebhookSender.Outcome outcome = sender.send(delivery);
        Instant now = clock.instant();
        String status;
        Instant next = null;
        if (outcome.delivered()) {
            status = Delivery.DELIVERED;
        } else if (outcome.isFinal()) {
            status = Delivery.FAILED;
        } else {
            next = schedule.next(delivery.attempts() + 1, now, delivery.createdAt());
            status = next == null ? Delivery.FAILED : Delivery.PENDING;
        }
        if (!deliveries.recordAttempt(id, claimer, status, next, outcome.statusCode(), outcome.error(), now)) {
            log.warn("Webhook delivery {} outlived its lease; its outcome ({}) was not recorded", id, status);
        } else if (!outcome.delivered()) {
            log.info("Webhook delivery {} of event {} ({}) to webhook {}: {} after attempt {}: {}", id,
                    delivery.eventId(), delivery.eventType(), delivery.webhookId(), status, delivery.attempts() + 1,
                    outcome.error());
        }
    }
}
