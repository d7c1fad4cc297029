package dev.switchboard.idempotency;

import java.time.Instant;

/**
 * The {@code Idempotency-Key} of the request being served, once claimed for its caller. A handler marked
 * {@link Idempotent} takes it as a parameter ({@code @Nullable}: absent without the header) to find what an earlier
 * attempt with the same key did.
 *
 * @param value the key as the client sent it
 * @param since when this use of the key began: side effects recorded under the key before then belong to an
 *     earlier request that used the same key before it expired
 */
public record IdempotencyKey(String value, Instant since) {}
