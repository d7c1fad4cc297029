package dev.switchboard.telephony;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One answer of a provider to a search.
 *
 * @param providerTotal the provider's own count of all matches, when it reports one; else null
 * @param hasMore whether the provider holds more matches than were returned
 */
public record AvailableNumbersPage(List<AvailableNumber> numbers, @Nullable Long providerTotal, boolean hasMore) {
    public AvailableNumbersPage {
        numbers = List.copyOf(numbers);
    }
}
