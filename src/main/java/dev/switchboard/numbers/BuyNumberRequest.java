package dev.switchboard.numbers;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /v1/numbers/buy}: exactly one of {@code phone_number} (buy that number) and {@code area_code}
 * (buy the first number on sale there). {@code telephony_provider} may be left out: the connection implies it.
 * Ids are taken as text so a malformed one is named in a 422 like every other field.
 */
record BuyNumberRequest(
        @Nullable String areaCode,
        @Nullable String phoneNumber,
        @Nullable String telephonyProvider,
        @Nullable String telephonyAccountConnection,
        @Nullable InboundAgentField inboundAgent) {}
