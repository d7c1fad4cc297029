package dev.switchboard.numbers;

import java.util.List;

/**
 * The answer of {@code GET /v1/numbers/available/all}.
 *
 * @param items the best {@code limit} numbers of every connection that answered, ranked (docs/filters.md)
 * @param total how many numbers the connections answered altogether (each at most {@code limit}), before the best
 *     {@code limit} were kept
 * @param sources one per connection asked, in the order asked, with how its search ended
 */
public record AcrossAccountsResponse(List<PhoneNumberView> items, long total, List<SearchSource> sources) {}
