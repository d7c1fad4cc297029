package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of the sandbox's catalogue: a city that an area code serves (a rate center, in NANP terms), or a
 * toll-free prefix, which is non-geographic and so has no region, locality or postal code.
 *
 * @param id the row's position in the catalogue, so that a set of rate centers can be a bit set
 * @param areaCode the NPA, or for toll-free the prefix (800, 833...)
 * @param region the USPS state or Canadian province code, e.g. {@code TX}, {@code ON}
 * @param regionName the region's full name, so that a search may name it either way
 */
record RateCenter(
        int id,
        String areaCode,
        String country,
        NumberType type,
        @Nullable String region,
        @Nullable String regionName,
        @Nullable String locality,
        @Nullable String postalCode,
        Money monthlyPrice) {

    RateCenter {
        Objects.requireNonNull(areaCode);
        Objects.requireNonNull(country);
        Objects.requireNonNull(type);
        Objects.requireNonNull(monthlyPrice);
        if (!areaCode.matches("[2-9]\\d\\d")) {
            throw new IllegalArgumentException("not a NANP area code: " + areaCode);
        }
        if ((type == NumberType.LOCAL) != (region != null && locality != null && postalCode != null)) {
            throw new IllegalArgumentException(
                    "a local rate center needs a region, locality and postal code, a toll-free one none: " + areaCode);
        }
    }
}
