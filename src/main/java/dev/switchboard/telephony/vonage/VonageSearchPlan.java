package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.SearchCheck;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * How one search runs at Vonage: the list it reads ({@code /number/search} or {@code /account/numbers}), the query
 * Vonage gets (every filter Vonage can apply itself), and what the adapter checks on Vonage's results (the rest, and
 * the digit filters always). A filter neither can honour is refused with {@link UnsupportedSearch} before any call,
 * never dropped.
 *
 * @param query without {@code index}, which each page adds
 * @param filterByParameter the filter key each Vonage parameter carries, to name it when Vonage refuses one
 * @param exact whether Vonage applies every filter itself, so that its {@code count} is the number of matches
 * @param pageSize Vonage's {@code size}: one more than the limit when Vonage applies every filter (the extra number
 *     tells whether there are more), Vonage's maximum when the adapter filters and needs more to choose from
 * @param maxPages how many of Vonage's pages the adapter reads at most
 */
record VonageSearchPlan(
        String path,
        SequencedMap<String, String> query,
        Map<String, String> filterByParameter,
        SearchCheck check,
        boolean exact,
        int pageSize,
        int maxPages) {

    private static final TelephonyProviderName VONAGE = TelephonyProviderName.VONAGE;

    /** Vonage's maximum {@code size}. */
    static final int MAX_PAGE_SIZE = 100;

    /** Pages of numbers on sale read at most when the adapter filters: 500 numbers to choose from. */
    static final int MAX_INVENTORY_PAGES = 5;

    /** Bounds the walk through a very large account: 20 pages of 100 numbers. */
    static final int MAX_OWNED_PAGES = 20;

    /** Vonage's {@code search_pattern}: where {@code pattern} must match in the msisdn. */
    static final String STARTS_WITH = "0";
    static final String CONTAINS = "1";
    static final String ENDS_WITH = "2";

    VonageSearchPlan {
        query = java.util.Collections.unmodifiableSequencedMap(new LinkedHashMap<>(query));
        filterByParameter = Map.copyOf(filterByParameter);
    }

    /** The request for one page, counted from 1 as Vonage's {@code index} is. */
    VonageRequest page(int index) {
        return VonageRequest.get(path, query, filterByParameter).with("index", Integer.toString(index));
    }

    /**
     * Numbers on sale: {@code GET /number/search} with {@code country}, {@code type}, {@code features} and one
     * {@code pattern}.
     */
    static VonageSearchPlan inventory(AvailableNumberSearch search) {
        refuseWhatVonageCannotTell(search);
        SearchCheck check = SearchCheck.of(VONAGE, search);
        String callingCode = check.callingCode();
        String type = VonageWire.typeParameter(search.type()).orElseThrow(() -> new UnsupportedSearch(VONAGE, "type",
                "Vonage sells landline, mobile and toll-free numbers only; it has no \"national\" type"));

        SequencedMap<String, String> query = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        put(query, filters, "country", search.country(), "country");
        // In the NANP Vonage sells its geographic numbers as landline and as mobile-lvn (its SMS-capable US long
        // virtual numbers, most of its US stock): a local search there asks for no type and leaves toll-free out.
        boolean nanpLocal = nanpLocal(search, callingCode);
        if (!nanpLocal) {
            put(query, filters, "type", type, "type");
        }
        if (!search.capabilities().isEmpty()) {
            put(query, filters, "features", features(search.capabilities()), "capabilities");
        }
        Pattern pattern = Pattern.choose(callingCode, prefix(search), search.contains(), search.endsWith());
        if (pattern != null) {
            put(query, filters, "pattern", pattern.value(), pattern.filter());
            put(query, filters, "search_pattern", pattern.searchPattern(), pattern.filter());
        }
        boolean exact = !nanpLocal && (digitFilters(search) == 0
                || (digitFilters(search) == 1 && pattern != null && pattern.exact()));
        int pageSize = exact ? Math.min(MAX_PAGE_SIZE, search.limit() + 1) : MAX_PAGE_SIZE;
        query.put("size", Integer.toString(pageSize));
        return new VonageSearchPlan("/number/search", query, filters, check, exact, pageSize,
                exact ? 1 : MAX_INVENTORY_PAGES);
    }

    /** A local search in the North American Numbering Plan, where Vonage's mobile-lvn numbers are local ones. */
    static boolean nanpLocal(AvailableNumberSearch search, @Nullable String callingCode) {
        return search.type() == NumberType.LOCAL && "1".equals(callingCode);
    }

    /**
     * Numbers the account owns: {@code GET /account/numbers}, which filters by {@code country} and one {@code
     * pattern} only; the adapter checks type, capabilities and the other digit filters on what it lists.
     */
    static VonageSearchPlan owned(AvailableNumberSearch search) {
        refuseWhatVonageCannotTell(search);
        SearchCheck check = SearchCheck.of(VONAGE, search);
        String callingCode = check.callingCode();
        if (search.type() == NumberType.NATIONAL) {
            throw new UnsupportedSearch(VONAGE, "type",
                    "Vonage's numbers are landline, mobile or toll-free; it has no \"national\" type");
        }
        SequencedMap<String, String> query = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        if (search.country() != null) { // API.md: no default country for owned numbers
            put(query, filters, "country", search.country(), "country");
        }
        Pattern pattern = Pattern.choose(callingCode, prefix(search), search.contains(), search.endsWith());
        if (pattern != null) {
            put(query, filters, "pattern", pattern.value(), pattern.filter());
            put(query, filters, "search_pattern", pattern.searchPattern(), pattern.filter());
        }
        query.put("size", Integer.toString(MAX_PAGE_SIZE));
        return new VonageSearchPlan("/account/numbers", query, filters, check, false,
                MAX_PAGE_SIZE, MAX_OWNED_PAGES);
    }

    /**
     * The looser search a best-effort search falls back to when the exact one finds nothing. Vonage has no nearby
     * search of its own, so the adapter relaxes the digit patterns ({@code contains}, {@code starts_with}, {@code
     * ends_with}): same country, type, capabilities and area code, other digits. Empty when there is nothing to relax.
     */
    static List<AvailableNumberSearch> relaxations(AvailableNumberSearch search) {
        return search.hasDigitPatterns() ? List.of(search.withoutDigitPatterns()) : List.of();
    }

    /**
     * Vonage's Numbers API says nothing of where a number is (no region, locality or postal code), whether it needs a
     * registered address, or whether it takes fax; the adapter can neither ask Vonage for these nor check them.
     */
    private static void refuseWhatVonageCannotTell(AvailableNumberSearch search) {
        if (search.region() != null) {
            throw new UnsupportedSearch(VONAGE, "region", "Vonage does not say in which region a number is");
        }
        if (search.locality() != null) {
            throw new UnsupportedSearch(VONAGE, "locality", "Vonage does not say in which locality a number is");
        }
        if (search.postalCode() != null) {
            throw new UnsupportedSearch(VONAGE, "postal_code", "Vonage does not say a number's postal code");
        }
        if (search.capabilities().contains(Capability.FAX)) {
            throw new UnsupportedSearch(VONAGE, "capabilities",
                    "Vonage reports voice, SMS and MMS only; it does not say whether a number takes fax");
        }
        if (search.excludeAddressRequired()) {
            throw new UnsupportedSearch(VONAGE, "exclude_address_required",
                    "Vonage does not say which numbers need a registered address");
        }
    }

    /**
     * The start of the national number that area code and starts_with ask for together: the longer one when one
     * extends the other. When they contradict each other no number can match; the area code goes to Vonage and the
     * adapter's check rejects every result.
     */
    private static Pattern.@Nullable Prefix prefix(AvailableNumberSearch search) {
        String areaCode = search.areaCode();
        String startsWith = search.startsWith();
        if (startsWith == null) {
            return areaCode == null ? null : new Pattern.Prefix(areaCode, "area_code", true);
        }
        if (areaCode == null) {
            return new Pattern.Prefix(startsWith, "starts_with", true);
        }
        if (areaCode.startsWith(startsWith)) {
            return new Pattern.Prefix(areaCode, "area_code", true);
        }
        if (startsWith.startsWith(areaCode)) {
            return new Pattern.Prefix(startsWith, "starts_with", true);
        }
        return new Pattern.Prefix(areaCode, "area_code", false);
    }

    /** How many digit filters the search has, area code and starts_with counting once when one extends the other. */
    private static int digitFilters(AvailableNumberSearch search) {
        Pattern.Prefix prefix = prefix(search);
        int count = prefix == null ? 0 : prefix.consistent() ? 1 : 2;
        return count + (search.contains() != null ? 1 : 0) + (search.endsWith() != null ? 1 : 0);
    }

    /**
     * Vonage's {@code features}, spelt as its document's enumeration spells each combination ({@code SMS,VOICE} but
     * {@code VOICE,MMS} and {@code SMS,MMS,VOICE}).
     */
    static String features(Set<Capability> capabilities) {
        Set<Capability> wanted = capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities);
        boolean sms = wanted.contains(Capability.SMS);
        boolean mms = wanted.contains(Capability.MMS);
        boolean voice = wanted.contains(Capability.VOICE);
        List<String> spelt = new ArrayList<>();
        if (sms) {
            spelt.add("SMS");
        }
        if (sms && mms) {
            spelt.add("MMS");
        }
        if (voice) {
            spelt.add("VOICE");
        }
        if (!sms && mms) {
            spelt.add("MMS");
        }
        return String.join(",", spelt);
    }

    private static void put(SequencedMap<String, String> query, Map<String, String> filters, String parameter,
            String value, String filter) {
        query.put(parameter, value);
        filters.put(parameter, filter);
    }

    /**
     * The one pattern a Vonage search carries. Only one of starts-with, contains and ends-with fits; the one that
     * narrows Vonage's answer most goes there, and the adapter checks every digit filter on the results anyway.
     *
     * @param searchPattern {@link #STARTS_WITH}, {@link #CONTAINS} or {@link #ENDS_WITH}
     * @param exact whether Vonage matching it means the filter holds: a starts-with anchored on the calling code and
     *     an ends-with do; a contains does not, as Vonage matches it over the country code too
     */
    record Pattern(String value, String searchPattern, String filter, boolean exact) {

        /** @param consistent false when area code and starts_with contradict each other */
        record Prefix(String digits, String filter, boolean consistent) {}

        static @Nullable Pattern choose(@Nullable String callingCode, @Nullable Prefix prefix,
                @Nullable String contains, @Nullable String endsWith) {
            Pattern best = null;
            int narrowing = 0;
            // Strictly greater: on a tie the anchored patterns, tried first, win, as they narrow more than contains.
            if (prefix != null && callingCode != null) {
                best = new Pattern(callingCode + prefix.digits(), STARTS_WITH, prefix.filter(), prefix.consistent());
                narrowing = prefix.digits().length();
            }
            if (endsWith != null && endsWith.length() > narrowing) {
                best = new Pattern(endsWith, ENDS_WITH, "ends_with", true);
                narrowing = endsWith.length();
            }
            if (contains != null && contains.length() > narrowing) {
                best = new Pattern(contains, CONTAINS, "contains", false);
            }
            return best;
        }
    }
}
