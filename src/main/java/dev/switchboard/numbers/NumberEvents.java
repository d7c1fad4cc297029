package dev.switchboard.numbers;

import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes {@link NumberEvent}s. Call it inside the transaction that records the change: listeners (the webhook
 * outbox) run synchronously in it, so the change and what they write commit together or not at all.
 */
@Component
class NumberEvents {

    private final ApplicationEventPublisher publisher;
    private final NumberViews views;
    private final Clock clock;

    NumberEvents(ApplicationEventPublisher publisher, NumberViews views, Clock clock) {
        this.publisher = publisher;
        this.views = views;
        this.clock = clock;
    }

    /** Announces the change to {@code number}, shown as the API shows it now. */
    void publish(NumberEvent.Type type, HeldNumber number) {
        publish(type, views.view(number), null);
    }

    /** Announces the change to a number as {@code view} shows it (a released number, no longer stored). */
    void publish(NumberEvent.Type type, PhoneNumberView view, @Nullable String detail) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("NumberEvent " + type + " published outside the transaction that records it");
        }
        publisher.publishEvent(new NumberEvent(UUID.randomUUID(), type, java.util.Objects.requireNonNull(view.userId()),
                view, detail, clock.instant()));
    }
}
