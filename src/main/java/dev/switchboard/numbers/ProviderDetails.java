package dev.switchboard.numbers;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.TelephonyProviderName;
import org.jspecify.annotations.Nullable;

/**
 * What the provider says of a number, additive to the seed's item: where it is, what it can do, what it
 * costs, whether it needs an address, whether it was a best-effort match, and whether it is a sandbox number.
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
        boolean bestEffortMatch,
        boolean sandbox) {

    static ProviderDetails of(TelephonyProviderName provider, AvailableNumber number) {
        return new ProviderDetails(number.country(), number.type().wireName(), number.region(), number.locality(),
                number.postalCode(), number.capabilities(), number.addressRequirements(), number.monthlyPrice(),
                number.bestEffortMatch(), provider == TelephonyProviderName.SANDBOX);
    }
}
