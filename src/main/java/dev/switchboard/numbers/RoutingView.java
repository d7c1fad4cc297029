package dev.switchboard.numbers;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A held number's {@code routing} as the API shows it.
 *
 * @param status {@code ok}, {@code pending}, {@code failed}, {@code drifted} or {@code released_externally}
 * @param target where Switchboard pointed the number, in the provider's words ({@code voice_url}, {@code sms_url},
 *     {@code connection_id}, {@code app_id}); null when it points it nowhere
 * @param checkedAt when the provider last confirmed (or denied) it; null before the first answer
 * @param detail why it is not ok, or what was decided, in a sentence; null when there is nothing to say
 */
public record RoutingView(String status, @Nullable Map<String, String> target, @Nullable Instant checkedAt,
        @Nullable String detail) {}
