package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Capability;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the adapter checks itself on every number Telnyx returns, so that each result matches every filter of the
 * search whatever Telnyx applied: the digit filters on the national number (Telnyx matches its patterns on the
 * number after the national destination code when one is given, or on the whole number), the features, the country,
 * and the state and locality where Telnyx reports them.
 *
 * <p>A number Telnyx flags as a best-effort match is by definition not an exact one: it keeps only what the caller
 * needs of any number (country and capabilities), not the digits or place it was near to.
 *
 * @param callingCode the country's calling code, to cut the national number out of the E.164 one
 * @param prefixes digits the national number must start with (area code and starts_with)
 */
record ResultFilter(
        @Nullable String callingCode,
        @Nullable String country,
        List<String> prefixes,
        @Nullable String contains,
        @Nullable String endsWith,
        Set<Capability> capabilities,
        @Nullable String region,
        @Nullable String locality) {

    ResultFilter {
        prefixes = List.copyOf(prefixes);
        capabilities = Set.copyOf(capabilities);
    }

    /** Whether any check looks at the digits of the number (so Telnyx's own count may include numbers dropped here). */
    boolean checksDigits() {
        return !prefixes.isEmpty() || contains != null || endsWith != null;
    }

    boolean accepts(AvailableNumber number) {
        boolean essentials = (country == null || number.country().equals(country))
                && number.capabilities().hasAll(capabilities);
        if (number.bestEffortMatch()) {
            return essentials;
        }
        String national = CallingCodes.nationalNumber(number.phoneNumber(), callingCode);
        return essentials
                && prefixes.stream().allMatch(national::startsWith)
                && (contains == null || national.contains(contains))
                && (endsWith == null || number.phoneNumber().endsWith(endsWith))
                && sameWhereReported(region, number.region())
                && sameWhereReported(locality, number.locality());
    }

    private static boolean sameWhereReported(@Nullable String wanted, @Nullable String reported) {
        return wanted == null || reported == null || wanted.strip().equalsIgnoreCase(reported.strip());
    }
}
