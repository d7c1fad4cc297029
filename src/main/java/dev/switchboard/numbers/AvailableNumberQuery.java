package dev.switchboard.numbers;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A checked {@code GET /v1/numbers/available} request: which account to ask and what to ask it.
 *
 * @param sort the {@code sort} filter: the order to rank the provider's numbers in; null keeps the provider's order
 */
record AvailableNumberQuery(TelephonyProviderName provider, UUID connectionId, AvailableNumberSearch search,
        NumberSort.@Nullable Search sort) {

    AvailableNumberQuery(TelephonyProviderName provider, UUID connectionId, AvailableNumberSearch search) {
        this(provider, connectionId, search, null);
    }
}
