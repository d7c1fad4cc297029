package dev.switchboard.numbers;

import dev.switchboard.telephony.AvailableNumberSearch;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A checked {@code GET /v1/numbers/available/all} request.
 *
 * @param connections the connections to ask, in the caller's order; null for all of the caller's telephony ones
 * @param search what to ask each of them, exactly as the single search would
 * @param sort what the merged numbers are ranked by
 */
record AcrossAccountsQuery(@Nullable List<UUID> connections, AvailableNumberSearch search, NumberSort.Search sort) {}
