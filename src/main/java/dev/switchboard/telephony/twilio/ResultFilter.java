package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Capability;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the adapter checks itself on every number Twilio returns, so that each result matches every filter of the
 * search whatever Twilio applied: the digit filters (only one fits in {@code Contains}, and Twilio matches it on the
 * whole E.164 number rather than the national number), the capabilities and address requirement as Twilio reports
 * them, and, for owned numbers, the country. A place filter is checked only where Twilio reports the place: a
 * number Twilio matched by {@code InLocality} but reports without a locality is kept.
 *
 * @param callingCode the country's calling code, to cut the national number out of the E.164 one
 * @param country for owned numbers, whose list names no country: the country the number must belong to
 * @param prefixes digits the national number must start with (starts_with, and an area code outside US/CA)
 */
record ResultFilter(
        @Nullable String callingCode,
        @Nullable String country,
        List<String> prefixes,
        @Nullable String contains,
        @Nullable String endsWith,
        Set<Capability> capabilities,
        boolean excludeAddressRequired,
        @Nullable String region,
        @Nullable String locality,
        @Nullable String postalCode) {

    ResultFilter {
        prefixes = List.copyOf(prefixes);
        capabilities = Set.copyOf(capabilities);
    }

    boolean accepts(AvailableNumber number) {
        String national = CallingCodes.nationalNumber(number.phoneNumber(), callingCode);
        return startsWithEach(national)
                && (contains == null || national.contains(contains))
                && (endsWith == null || number.phoneNumber().endsWith(endsWith))
                && number.capabilities().hasAll(capabilities)
                && !(excludeAddressRequired && number.addressRequired())
                && (country == null || CallingCodes.belongsTo(number.phoneNumber(), country))
                && sameWhereReported(region, number.region())
                && sameWhereReported(locality, number.locality())
                && samePostalCodeWhereReported(number.postalCode());
    }

    private boolean startsWithEach(String national) {
        for (String prefix : prefixes) {
            if (!national.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameWhereReported(@Nullable String wanted, @Nullable String reported) {
        return wanted == null || reported == null || wanted.strip().equalsIgnoreCase(reported.strip());
    }

    /** Canadian codes come as {@code M5V 2T6} or {@code M5V2T6}, sometimes only the first half: compare loosely. */
    private boolean samePostalCodeWhereReported(@Nullable String reported) {
        if (postalCode == null || reported == null) {
            return true;
        }
        String wanted = compact(postalCode);
        String actual = compact(reported);
        return !actual.isEmpty() && (wanted.startsWith(actual) || actual.startsWith(wanted));
    }

    private static String compact(String postalCode) {
        return postalCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
