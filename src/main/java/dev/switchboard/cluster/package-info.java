/**
 * The state several Switchboard instances share, when there are several: Redis, optional. With {@code
 * spring.data.redis.url} (or {@code .host}) set, {@link dev.switchboard.cluster.SharedState} keeps values, locks and
 * token buckets in Redis and carries announcements between instances over pub/sub; without it, nothing of Redis is
 * even created, and every feature keeps its state in its own instance. Redis down or slow never fails a request:
 * every operation fails fast with {@link dev.switchboard.cluster.SharedState.Unavailable}, and callers fall back to
 * their local state.
 */
@NullMarked
package dev.switchboard.cluster;

import org.jspecify.annotations.NullMarked;
