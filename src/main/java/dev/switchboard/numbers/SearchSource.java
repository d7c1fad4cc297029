package dev.switchboard.numbers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.switchboard.connections.AccountConnectionView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one connection's part of a search across accounts ended.
 *
 * @param telephonyAccountConnection the connection, expanded and masked exactly as in each item
 * @param status {@code ok} (it answered), {@code refused} (it cannot honour a filter, or the provider rejected the
 *     search as invalid for it: left out, the others still answer) or {@code failed} (the provider is down,
 *     rate-limited, slow, refused the credentials, or its breaker is open)
 * @param count how many numbers it answered (0 unless {@code ok})
 * @param error absent when {@code ok}; else the problem body its single search would have answered ({@code type},
 *     {@code title}, {@code status}, {@code detail}, {@code provider}, {@code errors}...) plus {@code retry_after}
 *     (seconds) where that search would have sent {@code Retry-After}
 */
public record SearchSource(
        AccountConnectionView telephonyAccountConnection,
        String telephonyProvider,
        @Schema(allowableValues = {OK, REFUSED, FAILED}) String status,
        int count,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        @Nullable Map<String, Object> error) {

    static final String OK = "ok";
    static final String REFUSED = "refused";
    static final String FAILED = "failed";
}
