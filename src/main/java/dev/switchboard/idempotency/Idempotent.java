package dev.switchboard.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code /v1} handler method that honours the {@code Idempotency-Key} request header: a retry with the
 * same key and the same request (method, path, query, body) gets the first answer back (status and body, with
 * {@code Idempotent-Replayed: true}) without the handler running again; the same key with another request is a
 * 422; a retry while the first is still in flight is a 409. Answers of 500 and above are not kept, so the request
 * can be retried with the same key. Keys are per user and expire after {@code switchboard.idempotency.ttl}.
 *
 * <p>The handler itself must still make its side effects safe to retry after a 5xx (a purchase records its intent
 * under the key before calling the provider, for instance).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {}
