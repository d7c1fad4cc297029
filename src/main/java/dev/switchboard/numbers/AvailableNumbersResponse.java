package dev.switchboard.numbers;

import java.util.List;

/**
 * The answer of {@code GET /v1/numbers/available}: the seed's {@code items} and {@code total}, and the
 * platform's usual page fields. {@code total_is_estimated} is false only when the provider counted all matches.
 */
public record AvailableNumbersResponse(
        List<PhoneNumberView> items, long total, int page, int size, boolean hasMore, boolean totalIsEstimated) {}
