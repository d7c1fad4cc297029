package dev.switchboard.numbers;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.TelephonyProviderName;
import org.jspecify.annotations.Nullable;

/**
 * What the provider says of a number, additive to the seed's item: where it is, what it can do, what it
 * costs, whether it needs an address, whether it was a best-effort match, and whether it is a sandbox number.
 *
 * @param monthlyPrice the monthly price as the provider states it, in its own currency; null when it does not say
 * @param setupPrice the one-time price as the provider states it; null when it does not say
 * @param convertedPrice both prices in {@code switchboard.pricing.currency}, what searches rank by; null when no price
 *     is known or its currency has no configured rate, and on a held number (a record, not a search result)
 */
public record ProviderDetails(
        String country,
        String type,
        @Nullable String region,
        @Nullable String locality,
        @Nullable String postalCode,
        Capabilities capabilities,
        String addressRequirements,
        @Nullable Money monthlyPrice,
        @Nullable Money setupPrice,
        @Nullable ConvertedPrice convertedPrice,
        boolean bestEffortMatch,
        boolean sandbox) {

    /** As a held number keeps them: the provider's own prices, none converted. */
    static ProviderDetails of(TelephonyProviderName provider, AvailableNumber number) {
        return of(provider, number, null);
    }

    /** As a search shows them, with the prices converted for ranking. */
    static ProviderDetails of(TelephonyProviderName provider, AvailableNumber number,
            @Nullable ConvertedPrice convertedPrice) {
        return new ProviderDetails(number.country(), number.type().wireName(), number.region(), number.locality(),
                number.postalCode(), number.capabilities(), number.addressRequirements(), number.monthlyPrice(),
                number.setupPrice(), convertedPrice, number.bestEffortMatch(), provider == TelephonyProviderName.SANDBOX);
    }
}
