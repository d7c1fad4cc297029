/**
 * Event webhooks: the number events ({@link dev.switchboard.numbers.NumberEvent}) queued in an outbox in the
 * transaction that records each change, then delivered, signed, to the user's subscribed webhooks by a worker that
 * retries with backoff for up to a day; {@code GET /v1/webhooks/deliveries} lists what happened. Depends on numbers
 * (the event) and agents (the webhooks); neither depends on it.
 */
@NullMarked
package dev.switchboard.events;

import org.jspecify.annotations.NullMarked;
