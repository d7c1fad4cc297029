/**
 * {@code Idempotency-Key} for {@code POST} calls that create or buy: a handler annotated {@link
 * dev.switchboard.idempotency.Idempotent} answers a retried request (same user, key and request) with the first
 * answer instead of running again.
 */
@NullMarked
package dev.switchboard.idempotency;

import org.jspecify.annotations.NullMarked;
