package dev.switchboard.numbers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request orders numbers by, named as the API spells it: {@link Search} for the numbers a search finds (its
 * {@code sort} filter), {@link Column} for the numbers a user holds ({@code GET /v1/numbers/list}'s
 * {@code sort_column}).
 */
sealed interface NumberSort permits NumberSort.Search, NumberSort.Column {

    String name();

    /** The name the API takes (and the column's, for {@link Column}): the constant's, in lower case. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order named so, of those given. */
    static <S extends NumberSort> Optional<S> named(S[] values, String name) {
        for (S value : values) {
            if (value.wireName().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The names of those given, as an error message lists them. */
    static List<String> names(NumberSort[] values) {
        return Arrays.stream(values).map(NumberSort::wireName).toList();
    }

    /** The {@code sort} filter: what a search ranks its numbers by, after exact matches before best-effort ones. */
    enum Search implements NumberSort {
        /** The monthly price in the ranking currency, cheapest first; unknown prices last. */
        MONTHLY_PRICE,
        /** The one-time price in the ranking currency, cheapest first; unknown prices last. */
        SETUP_PRICE,
        /** The E.164 number, in order of its digits. */
        NUMBER
    }

    /**
     * The columns {@code GET /v1/numbers/list} sorts by, named as the API and the table both spell them (fixed
     * strings: never caller text in SQL); ties are always broken by id, so paging is stable.
     */
    enum Column implements NumberSort {
        CREATED_AT, UPDATED_AT, PHONE_NUMBER, LABEL
    }
}
