package dev.switchboard.numbers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code sort} filter: what a search ranks its numbers by, after exact matches before best-effort ones. */
enum SearchSort {
    /** The monthly price in the ranking currency, cheapest first; unknown prices last. */
    MONTHLY_PRICE("monthly_price"),
    /** The one-time price in the ranking currency, cheapest first; unknown prices last. */
    SETUP_PRICE("setup_price"),
    /** The E.164 number, in order of its digits. */
    NUMBER("number");

    private final String wireName;

    SearchSort(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<SearchSort> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(SearchSort::wireName).toList();
    }
}
