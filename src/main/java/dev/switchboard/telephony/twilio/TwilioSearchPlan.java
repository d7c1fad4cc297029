package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.Regions;
import dev.switchboard.telephony.SearchCheck;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * How one search runs at Twilio: the list resource it reads, the query Twilio gets (every filter Twilio can apply
 * itself), and the {@link SearchCheck} the adapter applies to Twilio's results (every filter, as Twilio's own
 * matching differs from Switchboard's). A filter neither can honour is refused
 * with {@link UnsupportedSearch} before any call, never dropped.
 *
 * @param resource the path below {@code /2010-04-01/Accounts/{AccountSid}/}, one segment per element
 * @param filterByParameter the filter key each Twilio parameter carries, to name it when Twilio refuses one
 * @param pageSize Twilio's {@code PageSize}: one more than the limit when Twilio applies every filter (the extra
 *     number tells whether there are more), a wider page when the adapter filters and needs more to choose from
 * @param maxPages how many of Twilio's pages the adapter follows at most
 */
record TwilioSearchPlan(
        List<String> resource,
        SequencedMap<String, String> query,
        Map<String, String> filterByParameter,
        SearchCheck check,
        int pageSize,
        int maxPages) {

    private static final TelephonyProviderName TWILIO = TelephonyProviderName.TWILIO;

    /** Twilio's maximum {@code PageSize}. */
    static final int MAX_PAGE_SIZE = 1000;

    /** Twilio samples its inventory; a few pages of a wide search are as much as is worth reading. */
    static final int MAX_INVENTORY_PAGES = 3;

    /** Bounds the walk through a very large account: 20 pages of up to 1000 numbers. */
    static final int MAX_OWNED_PAGES = 20;

    TwilioSearchPlan {
        resource = List.copyOf(resource);
        query = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(query));
        filterByParameter = Map.copyOf(filterByParameter);
    }

    /** Numbers on sale: {@code AvailablePhoneNumbers/{Country}/{Local|TollFree|Mobile|National}.json}. */
    static TwilioSearchPlan inventory(AvailableNumberSearch search) {
        boolean usOrCanada = search.country().equals("US") || search.country().equals("CA");
        // Twilio: AreaCode, InRegion and InPostalCode "apply to only phone numbers in the US and Canada", and it
        // reports region and postal code only for them, so the adapter could not check them elsewhere either.
        if (!usOrCanada && search.region() != null) {
            throw new UnsupportedSearch(TWILIO, "region",
                    "Twilio searches and reports regions only for US and Canadian numbers");
        }
        if (!usOrCanada && search.postalCode() != null) {
            throw new UnsupportedSearch(TWILIO, "postal_code",
                    "Twilio searches and reports postal codes only for US and Canadian numbers");
        }
        // InRegion takes a state's or province's two-letter code, and results report it: a name goes in as its code.
        String region = search.region() == null ? null
                : Regions.code(search.country(), search.region()).orElse(search.region());
        SearchCheck check = SearchCheck.of(TWILIO, search).withoutType().withoutCountry().withRegion(region);
        String areaCode = search.areaCode();
        String callingCode = check.callingCode();
        boolean nativeAreaCode = usOrCanada && areaCode != null;

        SequencedMap<String, String> query = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        if (nativeAreaCode) {
            put(query, filters, "AreaCode", areaCode, "area_code");
        }
        ContainsPattern.Prefix prefix;
        if (nativeAreaCode) {
            String startsWith = search.startsWith();
            prefix = startsWith == null || areaCode.startsWith(startsWith) ? null
                    : new ContainsPattern.Prefix(startsWith, "starts_with",
                            startsWith.startsWith(areaCode) ? areaCode.length() : 0);
        } else {
            // Outside the US and Canada an area code is the start of the national number, as starts_with is.
            prefix = prefix(search.startsWith(), areaCode);
        }
        var pattern = ContainsPattern.choose(callingCode, prefix, search.contains(), search.endsWith());
        pattern.ifPresent(p -> put(query, filters, "Contains", p.value(), p.filter()));
        // Twilio's capability flags filter only when true ("never meant to be used the other way around").
        for (Capability capability : List.of(Capability.VOICE, Capability.SMS, Capability.MMS, Capability.FAX)) {
            if (search.capabilities().contains(capability)) {
                put(query, filters, capabilityParameter(capability), "true", "capabilities");
            }
        }
        if (search.excludeAddressRequired()) {
            // Twilio splits this in three (any / local / foreign address); all three leave only "none".
            put(query, filters, "ExcludeAllAddressRequired", "true", "exclude_address_required");
            put(query, filters, "ExcludeLocalAddressRequired", "true", "exclude_address_required");
            put(query, filters, "ExcludeForeignAddressRequired", "true", "exclude_address_required");
        }
        if (region != null) {
            put(query, filters, "InRegion", region, "region");
        }
        if (search.locality() != null) {
            put(query, filters, "InLocality", search.locality(), "locality");
        }
        if (search.postalCode() != null) {
            put(query, filters, "InPostalCode", search.postalCode(), "postal_code");
        }
        int digitFiltersLeft = digitFilterCount(prefix, search.contains(), search.endsWith())
                - (pattern.isPresent() && pattern.get().complete() ? 1 : 0);
        int pageSize = digitFiltersLeft > 0 ? widePage(search.limit()) : search.limit() + 1;
        query.put("PageSize", Integer.toString(pageSize));

        return new TwilioSearchPlan(
                List.of("AvailablePhoneNumbers", search.country(), inventoryResource(search.type()) + ".json"),
                query, filters, check, pageSize, MAX_INVENTORY_PAGES);
    }

    /**
     * Numbers the account owns: {@code IncomingPhoneNumbers/{Local|Mobile|TollFree}.json}. Twilio's list filters
     * only by {@code PhoneNumber} (a partial number), so the adapter anchors that on the country's calling code
     * and the number's start, and checks everything else itself.
     */
    static TwilioSearchPlan owned(AvailableNumberSearch search) {
        SearchCheck.refusePlace(TWILIO, search,
                "Twilio's list of owned numbers does not say where a number is");
        // No type (API.md: an owned-numbers search has no default): the account's whole list, each number's type
        // read from Twilio's record.
        String resource = search.type() == null ? null : switch (search.type()) {
            case LOCAL -> "Local";
            case MOBILE -> "Mobile";
            case TOLL_FREE -> "TollFree";
            case NATIONAL -> throw new UnsupportedSearch(TWILIO, "type",
                    "Twilio lists owned numbers as local, mobile or toll-free only");
        };
        // Twilio's list names no country: the number's calling code tells it, so it must be known.
        String country = search.country();
        if (country != null && CallingCodes.of(country).isEmpty()) {
            throw new UnsupportedSearch(TWILIO, "country", "Switchboard does not know the calling code of country "
                    + country);
        }
        SearchCheck check = SearchCheck.of(TWILIO, search).withoutType().withCountryByNumber();
        String areaCode = search.areaCode();
        String callingCode = check.callingCode();
        ContainsPattern.Prefix prefix = prefix(search.startsWith(), areaCode);

        SequencedMap<String, String> query = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        // A leading "+" can only match at the start, so this narrows alike whether Twilio matches it as a prefix
        // or anywhere in the number.
        if (callingCode != null) {
            put(query, filters, "PhoneNumber", "+" + callingCode + (prefix == null ? "" : prefix.digits()),
                    prefix == null ? "country" : prefix.filter());
        }
        // The calling code alone does not tell the +1 countries apart; the adapter does, by area code.
        boolean adapterFilters = search.contains() != null || search.endsWith() != null
                || !search.capabilities().isEmpty() || search.excludeAddressRequired() || "1".equals(callingCode);
        int pageSize = adapterFilters ? widePage(search.limit()) : search.limit() + 1;
        query.put("PageSize", Integer.toString(pageSize));

        return new TwilioSearchPlan(resource == null ? List.of("IncomingPhoneNumbers.json")
                : List.of("IncomingPhoneNumbers", resource + ".json"), query, filters, check, pageSize,
                MAX_OWNED_PAGES);
    }

    /**
     * The looser searches a best-effort search falls back to, nearest first, each tried only when the one before
     * found nothing: first without the digit patterns (same place, other digits), then for numbers on sale also
     * without locality and postal code (same region or area code). Type, country, capabilities, address
     * requirement, region and area code always stay.
     */
    static List<AvailableNumberSearch> relaxations(AvailableNumberSearch search, boolean inventory) {
        List<AvailableNumberSearch> relaxed = new ArrayList<>();
        if (search.hasDigitPatterns()) {
            relaxed.add(search.withoutDigitPatterns());
        }
        if (inventory && (search.locality() != null || search.postalCode() != null)) {
            relaxed.add(new AvailableNumberSearch(search.source(), search.country(), search.type(),
                    search.areaCode(), null, null, null, search.region(), null, null, search.capabilities(),
                    search.excludeAddressRequired(), false, search.limit()));
        }
        return relaxed;
    }

    /** The start of the national number both filters ask for: the longer one when one extends the other. */
    private static ContainsPattern.@Nullable Prefix prefix(@Nullable String startsWith, @Nullable String areaCode) {
        if (startsWith == null) {
            return areaCode == null ? null : new ContainsPattern.Prefix(areaCode, "area_code", 0);
        }
        if (areaCode != null && areaCode.startsWith(startsWith)) {
            return new ContainsPattern.Prefix(areaCode, "area_code", 0);
        }
        // If they contradict each other no number can match; the adapter's check will say so.
        return new ContainsPattern.Prefix(startsWith, "starts_with", 0);
    }

    private static int digitFilterCount(ContainsPattern.@Nullable Prefix prefix, @Nullable String contains,
            @Nullable String endsWith) {
        int count = prefix != null && prefix.digits().length() > prefix.alreadyNative() ? 1 : 0;
        return count + (contains != null ? 1 : 0) + (endsWith != null ? 1 : 0);
    }

    private static int widePage(int limit) {
        return Math.min(MAX_PAGE_SIZE, Math.max(50, (limit + 1) * 5));
    }

    private static String capabilityParameter(Capability capability) {
        return switch (capability) {
            case VOICE -> "VoiceEnabled";
            case SMS -> "SmsEnabled";
            case MMS -> "MmsEnabled";
            case FAX -> "FaxEnabled";
        };
    }

    private static String inventoryResource(NumberType type) {
        return switch (type) {
            case LOCAL -> "Local";
            case TOLL_FREE -> "TollFree";
            case MOBILE -> "Mobile";
            case NATIONAL -> "National";
        };
    }

    private static void put(SequencedMap<String, String> query, Map<String, String> filters, String parameter,
            String value, String filter) {
        query.put(parameter, value);
        filters.put(parameter, filter);
    }
}
