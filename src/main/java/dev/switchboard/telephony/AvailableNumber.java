package dev.switchboard.telephony;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider says of one phone number, on sale or already owned, in provider-neutral terms.
 *
 * @param phoneNumber E.164, e.g. {@code +14155550123}
 * @param country ISO 3166-1 alpha-2
 * @param addressRequirements {@code none}, {@code any}, {@code local} or {@code foreign}
 * @param monthlyPrice the monthly rental as the provider states it, in its currency; null when the provider does
 *     not say (Twilio's searches never do)
 * @param bestEffortMatch true when the provider offered the number as a near match, not an exact one
 * @param providerNumberId the provider's own id of an owned number (Twilio's {@code PN...} SID), else null
 * @param setupPrice the one-time price of buying the number, as the provider states it; null when the provider does
 *     not say (only Telnyx's searches do, as {@code upfront_cost})
 */
public record AvailableNumber(
        String phoneNumber,
        String country,
        NumberType type,
        @Nullable String region,
        @Nullable String locality,
        @Nullable String postalCode,
        Capabilities capabilities,
        String addressRequirements,
        @Nullable Money monthlyPrice,
        boolean bestEffortMatch,
        @Nullable String providerNumberId,
        @Nullable Money setupPrice) {

    /** A number whose setup price the provider does not state (every provider but Telnyx). */
    public AvailableNumber(String phoneNumber, String country, NumberType type, @Nullable String region,
            @Nullable String locality, @Nullable String postalCode, Capabilities capabilities,
            String addressRequirements, @Nullable Money monthlyPrice, boolean bestEffortMatch,
            @Nullable String providerNumberId) {
        this(phoneNumber, country, type, region, locality, postalCode, capabilities, addressRequirements,
                monthlyPrice, bestEffortMatch, providerNumberId, null);
    }

    public AvailableNumber {
        Objects.requireNonNull(phoneNumber);
        Objects.requireNonNull(country);
        Objects.requireNonNull(type);
        Objects.requireNonNull(capabilities);
        Objects.requireNonNull(addressRequirements);
    }

    public boolean addressRequired() {
        return !"none".equals(addressRequirements);
    }
}
