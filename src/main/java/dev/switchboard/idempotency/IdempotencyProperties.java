package dev.switchboard.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.idempotency.*}.
 *
 * @param ttl how long a key and its answer are kept; a key reused after that is a new request
 * @param lease how long a request in flight holds its key; a retry arriving later takes it over, so a crash
 *     mid-request does not lock the key until it expires. Longer than any request can take.
 */
@ConfigurationProperties("switchboard.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("2m") Duration lease) {}
