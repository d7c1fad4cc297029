package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.Regions;
import dev.switchboard.telephony.SearchCheck;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import dev.switchboard.telephony.telnyx.TelnyxRequest.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How one search runs at Telnyx: the list it reads, the {@code filter[...]} parameters Telnyx gets (every filter
 * Telnyx can apply itself), and what the adapter checks on Telnyx's results (the rest, and the digits always). A
 * filter neither can honour is refused with {@link UnsupportedSearch} before any call, never dropped.
 *
 * @param filterByParameter the filter key each Telnyx parameter carries, to name it when Telnyx refuses one
 * @param batch how many numbers one call asks for: {@code filter[limit]} for numbers on sale, {@code page[size]} for
 *     owned numbers; one more than the limit when Telnyx applies every filter (the extra one tells whether there
 *     are more), as many as Telnyx gives when the adapter filters and needs more to choose from
 */
record TelnyxSearchPlan(
        String path,
        List<Parameter> query,
        Map<String, String> filterByParameter,
        SearchCheck check,
        int batch) {

    private static final TelephonyProviderName TELNYX = TelephonyProviderName.TELNYX;

    static final String AVAILABLE_PATH = "/v2/available_phone_numbers";
    static final String OWNED_PATH = "/v2/phone_numbers";
    static final String ORDERS_PATH = "/v2/number_orders";

    /** The most numbers one search returns; Telnyx caps {@code filter[limit]} at 100. */
    static final int MAX_SEARCH_LIMIT = 100;

    /** Telnyx's maximum {@code page[size]} for the account's numbers. */
    static final int MAX_PAGE_SIZE = 250;

    /** Bounds the walk through a very large account: 20 pages of up to 250 numbers. */
    static final int MAX_OWNED_PAGES = 20;

    /**
     * With {@code filter[national_destination_code]}, Telnyx's legacy reference allowed at most 4 digits in
     * {@code ends_with} (the subscriber number's last four); a longer ending goes as its last four and is checked
     * whole on the results.
     */
    static final int MAX_ENDS_WITH_AFTER_NDC = 4;

    TelnyxSearchPlan {
        query = List.copyOf(query);
        filterByParameter = Map.copyOf(filterByParameter);
    }

    /** Numbers on sale: {@code GET /v2/available_phone_numbers?filter[...]}. */
    static TelnyxSearchPlan inventory(AvailableNumberSearch search) {
        if (search.postalCode() != null) {
            throw new UnsupportedSearch(TELNYX, "postal_code",
                    "Telnyx's number search neither filters by postal code nor reports one");
        }
        if (search.excludeAddressRequired()) {
            throw new UnsupportedSearch(TELNYX, "exclude_address_required",
                    "Telnyx's number search does not say which numbers need a registered address");
        }
        boolean northAmerica = search.country().equals("US") || search.country().equals("CA");
        if (search.bestEffort() && !northAmerica) {
            throw new UnsupportedSearch(TELNYX, "best_effort",
                    "Telnyx offers best-effort search only in the US and Canada");
        }
        SearchCheck check = SearchCheck.of(TELNYX, search).withoutType();
        String areaCode = search.areaCode();
        String callingCode = check.callingCode();
        String region = regionCode(search);

        List<Parameter> query = new ArrayList<>();
        Map<String, String> filters = new LinkedHashMap<>();
        put(query, filters, "filter[country_code]", search.country(), "country");
        put(query, filters, "filter[phone_number_type]", search.type().wireName(), "type");

        // Telnyx's patterns leave out the national destination code when one is given, so a starts_with that
        // extends the area code goes as the code plus the rest; in the NANP the first three digits are the code.
        String ndc = areaCode;
        String ndcFilter = "area_code";
        String startsAfterNdc = null;
        boolean startsNative = search.startsWith() == null;
        String startsWith = search.startsWith();
        if (startsWith != null) {
            if (ndc != null) {
                if (ndc.startsWith(startsWith)) {
                    startsNative = true;
                } else if (startsWith.startsWith(ndc)) {
                    startsAfterNdc = startsWith.substring(ndc.length());
                    startsNative = true;
                }
                // Otherwise the two contradict each other: no number can match, and the check below says so.
            } else if ("1".equals(callingCode) && startsWith.length() >= 3) {
                ndc = startsWith.substring(0, 3);
                ndcFilter = "starts_with";
                startsAfterNdc = startsWith.substring(3);
                startsNative = true;
            }
            // Elsewhere Telnyx's reading of a bare starts_with (national number or E.164?) is not documented, so
            // the adapter checks it on the results instead of risking a search that finds nothing.
        }
        if (ndc != null) {
            put(query, filters, "filter[national_destination_code]", ndc, ndcFilter);
        }
        if (startsAfterNdc != null && !startsAfterNdc.isEmpty()) {
            put(query, filters, "filter[phone_number][starts_with]", startsAfterNdc, "starts_with");
        }
        boolean endsCut = false;
        String endsWith = search.endsWith();
        if (endsWith != null) {
            endsCut = ndc != null && endsWith.length() > MAX_ENDS_WITH_AFTER_NDC;
            put(query, filters, "filter[phone_number][ends_with]",
                    endsCut ? endsWith.substring(endsWith.length() - MAX_ENDS_WITH_AFTER_NDC) : endsWith, "ends_with");
        }
        if (search.contains() != null) {
            put(query, filters, "filter[phone_number][contains]", search.contains(), "contains");
        }
        if (region != null) {
            put(query, filters, "filter[administrative_area]", region, "region");
        }
        if (search.locality() != null) {
            put(query, filters, "filter[locality]", search.locality(), "locality");
        }
        search.capabilities().stream().sorted(Comparator.comparing(Capability::wireName))
                .forEach(c -> put(query, filters, "filter[features]", c.wireName(), "capabilities"));
        if (search.bestEffort()) {
            put(query, filters, "filter[best_effort]", "true", "best_effort");
        }
        // Telnyx matches contains on the whole number (country code included) or after the code it was given, which
        // is not Switchboard's national number: such answers are checked, so ask for as many as Telnyx gives.
        boolean adapterFilters = !startsNative || endsCut || search.contains() != null;
        int batch = adapterFilters ? MAX_SEARCH_LIMIT : Math.min(MAX_SEARCH_LIMIT, search.limit() + 1);
        query.add(new Parameter("filter[limit]", Integer.toString(batch)));

        return new TelnyxSearchPlan(AVAILABLE_PATH, query, filters, check.withRegion(region), batch);
    }

    /**
     * Numbers the account owns: {@code GET /v2/phone_numbers?filter[...]&page[...]}. Telnyx's records say nothing of
     * a number's place, features or address, so those filters are refused; its {@code filter[phone_number]} (at
     * least three digits, a partial match) narrows by the number's start, and the adapter checks every digit filter
     * on the results.
     */
    static TelnyxSearchPlan owned(AvailableNumberSearch search) {
        SearchCheck.refusePlace(TELNYX, search,
                "Telnyx's records of an account's numbers do not say where a number is");
        if (!search.capabilities().isEmpty()) {
            throw new UnsupportedSearch(TELNYX, "capabilities",
                    "Telnyx's records of an account's numbers do not list their features");
        }
        if (search.excludeAddressRequired()) {
            throw new UnsupportedSearch(TELNYX, "exclude_address_required",
                    "Telnyx's records of an account's numbers do not say whether a number needs an address");
        }
        SearchCheck check = SearchCheck.of(TELNYX, search).withoutType();
        String areaCode = search.areaCode();
        String callingCode = check.callingCode();

        List<Parameter> query = new ArrayList<>();
        Map<String, String> filters = new LinkedHashMap<>();
        // API.md: an owned-numbers search has no default country or type; without them, every number the account has
        if (search.country() != null) {
            put(query, filters, "filter[country_iso_alpha2]", search.country(), "country");
        }
        if (search.type() != null) {
            put(query, filters, "filter[number_type][eq]", search.type().wireName(), "type");
        }
        String prefix = longerPrefix(search.startsWith(), areaCode);
        if (prefix != null && callingCode != null && (callingCode + prefix).length() >= 3) {
            // Digits only: "Non-numerical characters will result in no values being returned", a "+" included.
            put(query, filters, "filter[phone_number]", callingCode + prefix,
                    areaCode != null && areaCode.equals(prefix) ? "area_code" : "starts_with");
        }
        int batch = MAX_PAGE_SIZE; // owned lists are walked to the end of the matches or the limit, whichever first
        return new TelnyxSearchPlan(OWNED_PATH, query, filters, check, batch);
    }

    /** This plan's request for one page of owned numbers (1-based), or for numbers on sale (page ignored). */
    TelnyxRequest request(int page) {
        List<Parameter> parameters = new ArrayList<>(query);
        if (path.equals(OWNED_PATH)) {
            parameters.add(new Parameter("page[number]", Integer.toString(page)));
            parameters.add(new Parameter("page[size]", Integer.toString(batch)));
        }
        return TelnyxRequest.get(path, parameters, filterByParameter);
    }

    private static @Nullable String regionCode(AvailableNumberSearch search) {
        String region = search.region();
        if (region == null) {
            return null;
        }
        if (!Regions.searchable(search.country())) {
            throw new UnsupportedSearch(TELNYX, "region",
                    "Telnyx searches by region only for US states and Canadian provinces");
        }
        return Regions.code(search.country(), region).orElseThrow(() -> new UnsupportedSearch(TELNYX, "region",
                "Telnyx searches by a state's or province's two-letter code; '" + region + "' is neither a code nor a"
                        + " name of a " + (search.country().equals("US") ? "US state" : "Canadian province")));
    }

    /** The start of the national number both filters ask for: the longer one when one extends the other. */
    private static @Nullable String longerPrefix(@Nullable String startsWith, @Nullable String areaCode) {
        if (startsWith == null) {
            return areaCode;
        }
        if (areaCode == null || startsWith.startsWith(areaCode)) {
            return startsWith;
        }
        // Contradicting (or the area code extends starts_with): the area code narrows at least as much.
        return areaCode;
    }

    private static void put(List<Parameter> query, Map<String, String> filters, String parameter, String value,
            String filter) {
        query.add(new Parameter(parameter, value));
        filters.put(parameter, filter);
    }
}
