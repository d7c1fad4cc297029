package dev.switchboard.telephony;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider says of one phone number, on sale or already owned, in provider-neutral terms.
 *
 * @param phoneNumber E.164, e.g. {@code +14155550123}
 * @param country ISO 3166-1 alpha-2
 * @param addressRequirements {@code none}, {@code any}, {@code local} or {@code foreign}
 * @param bestEffortMatch true when the provider offered the number as a near match, not an exact one
 * @param providerNumberId the provider's own id of an owned number (Twilio's {@code PN...} SID), else null
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
        @Nullable String providerNumberId) {

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
