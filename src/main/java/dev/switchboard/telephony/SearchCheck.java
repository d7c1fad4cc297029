package dev.switchboard.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every adapter checks itself on the numbers its provider returns, so that each result matches every filter of
 * the search whatever the provider applied: the digit filters on the national number, country and type, the
 * capabilities and address requirement as the provider reports them, and the place where the provider reports it
 * (a number the provider matched by place but reports without one is kept). One check for every provider, so that a
 * search means the same at each of them; an adapter leaves out (as null) what its provider applies itself in a way
 * its results cannot show, e.g. a type the provider reports in words of its own.
 *
 * <p>{@link #of} also refuses, before any call, the digit filters no provider can be asked for: ones that are not
 * digits, and national-number filters in a country whose calling code Switchboard does not know.
 *
 * @param callingCode the country's calling code, to cut the national number out of the E.164 one; null when the
 *     search names no country (owned numbers of every country), and the digit filters are matched on all digits
 * @param country the country each number must belong to; null for any
 * @param countryByNumber whether the country is told by the number's calling code (and NANP area code) rather than
 *     the country the number reports: for a provider whose list names no country
 * @param type the type each number must be; null for any. In the NANP a provider's mobile geographic numbers are
 *     local numbers (API.md).
 * @param prefixes digits the national number must start with (area code and starts_with)
 */
public record SearchCheck(
        @Nullable String callingCode,
        @Nullable String country,
        boolean countryByNumber,
        @Nullable NumberType type,
        List<String> prefixes,
        @Nullable String contains,
        @Nullable String endsWith,
        Set<Capability> capabilities,
        boolean excludeAddressRequired,
        @Nullable String region,
        @Nullable String locality,
        @Nullable String postalCode) {

    public SearchCheck {
        prefixes = List.copyOf(prefixes);
        capabilities = Set.copyOf(capabilities);
    }

    /**
     * The check of every filter of a search, after refusing what no provider can be asked for.
     *
     * @throws UnsupportedSearch naming the provider and the first filter that cannot be honoured
     */
    public static SearchCheck of(TelephonyProviderName provider, AvailableNumberSearch search) {
        String[][] digitFilters = {{"area_code", search.areaCode()}, {"starts_with", search.startsWith()},
                {"contains", search.contains()}, {"ends_with", search.endsWith()}};
        for (String[] filter : digitFilters) {
            if (filter[1] != null && !filter[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new UnsupportedSearch(provider, filter[0],
                        capitalized(provider) + " takes only digits for " + filter[0]);
            }
        }
        String callingCode = null;
        if (search.country() != null) {
            callingCode = CallingCodes.of(search.country()).orElse(null);
            if (callingCode == null) {
                // Without it the national number cannot be told from the country code; only ends_with still works.
                for (String[] filter : digitFilters) {
                    if (filter[1] != null && !filter[0].equals("ends_with")) {
                        throw new UnsupportedSearch(provider, filter[0],
                                "Switchboard does not know the calling code of country " + search.country());
                    }
                }
            }
        }
        List<String> prefixes = new ArrayList<>();
        if (search.areaCode() != null) {
            prefixes.add(search.areaCode());
        }
        if (search.startsWith() != null) {
            prefixes.add(search.startsWith());
        }
        return new SearchCheck(callingCode, search.country(), false, search.type(), prefixes, search.contains(),
                search.endsWith(), search.capabilities(), search.excludeAddressRequired(), search.region(),
                search.locality(), search.postalCode());
    }

    /**
     * Refuses the place filters (region, locality, postal code) for a provider that cannot say where a number is,
     * naming the first one the search has.
     */
    public static void refusePlace(TelephonyProviderName provider, AvailableNumberSearch search, String reason) {
        String filter = search.region() != null ? "region"
                : search.locality() != null ? "locality"
                : search.postalCode() != null ? "postal_code" : null;
        if (filter != null) {
            throw new UnsupportedSearch(provider, filter, reason);
        }
    }

    /** This check without the type: for a provider that applies it itself. */
    public SearchCheck withoutType() {
        return new SearchCheck(callingCode, country, countryByNumber, null, prefixes, contains, endsWith,
                capabilities, excludeAddressRequired, region, locality, postalCode);
    }

    /** This check without the country: for numbers the provider listed for that country alone. */
    public SearchCheck withoutCountry() {
        return new SearchCheck(callingCode, null, false, type, prefixes, contains, endsWith, capabilities,
                excludeAddressRequired, region, locality, postalCode);
    }

    /** This check telling the country by the number: for a provider whose list names no country. */
    public SearchCheck withCountryByNumber() {
        return new SearchCheck(callingCode, country, true, type, prefixes, contains, endsWith, capabilities,
                excludeAddressRequired, region, locality, postalCode);
    }

    /** This check with the region as the provider reports it (a state's or province's code for a name). */
    public SearchCheck withRegion(@Nullable String reportedRegion) {
        return new SearchCheck(callingCode, country, countryByNumber, type, prefixes, contains, endsWith,
                capabilities, excludeAddressRequired, reportedRegion, locality, postalCode);
    }

    /** Whether the number matches every filter of the search. */
    public boolean accepts(AvailableNumber number) {
        String national = CallingCodes.nationalNumber(number.phoneNumber(), callingCode);
        return acceptsNearMatch(number)
                && prefixes.stream().allMatch(national::startsWith)
                && (contains == null || national.contains(contains))
                && (endsWith == null || number.phoneNumber().endsWith(endsWith))
                && !(excludeAddressRequired && number.addressRequired())
                && sameWhereReported(region, number.region())
                && sameWhereReported(locality, number.locality())
                && samePostalCodeWhereReported(number.postalCode());
    }

    /**
     * Whether the number has what the caller needs of any number, a near match included: country, type and
     * capabilities, not the digits or place it was near to. For numbers the provider itself flags as best-effort
     * matches, which by definition are not exact ones.
     */
    public boolean acceptsNearMatch(AvailableNumber number) {
        return belongsToCountry(number)
                && (type == null || number.type() == type
                    || (type == NumberType.LOCAL && "1".equals(callingCode) && number.type() == NumberType.MOBILE))
                && number.capabilities().hasAll(capabilities);
    }

    private boolean belongsToCountry(AvailableNumber number) {
        if (country == null) {
            return true;
        }
        if (countryByNumber) {
            return CallingCodes.belongsTo(number.phoneNumber(), country);
        }
        return number.country().equals(country)
                && (callingCode == null || number.phoneNumber().startsWith("+" + callingCode));
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

    private static String capitalized(TelephonyProviderName provider) {
        String name = provider.wireName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
