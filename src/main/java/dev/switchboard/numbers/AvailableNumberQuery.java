package dev.switchboard.numbers;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.UUID;

/** A checked {@code GET /v1/numbers/available} request: which account to ask and what to ask it. */
record AvailableNumberQuery(TelephonyProviderName provider, UUID connectionId, AvailableNumberSearch search) {}
