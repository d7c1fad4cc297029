package dev.switchboard.telephony;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search written in a test as only the filters that matter to it; the rest keep the API's defaults. Shared by
 * every adapter's tests and the provider contract, so a filter added to {@link AvailableNumberSearch} is added here
 * once.
 */
public final class SearchDraft {

    private NumberSource source = NumberSource.INVENTORY;
    private @Nullable String country = "US";
    private @Nullable NumberType type = NumberType.LOCAL;
    private @Nullable String areaCode;
    private @Nullable String contains;
    private @Nullable String startsWith;
    private @Nullable String endsWith;
    private @Nullable String region;
    private @Nullable String locality;
    private @Nullable String postalCode;
    private Set<Capability> capabilities = Set.of();
    private boolean excludeAddressRequired;
    private boolean bestEffort;
    private int limit = AvailableNumberSearch.DEFAULT_LIMIT;

    private SearchDraft() {}

    /** A search of the numbers on sale ({@code source: inventory}). */
    public static SearchDraft search() {
        return new SearchDraft();
    }

    /** A search of the numbers the account owns ({@code source: account}). */
    public static SearchDraft owned() {
        return new SearchDraft().source(NumberSource.ACCOUNT);
    }

    public SearchDraft source(NumberSource value) {
        source = value;
        return this;
    }

    public SearchDraft country(String value) {
        country = value;
        return this;
    }

    public SearchDraft type(NumberType value) {
        type = value;
        return this;
    }

    public SearchDraft areaCode(String value) {
        areaCode = value;
        return this;
    }

    public SearchDraft contains(String value) {
        contains = value;
        return this;
    }

    public SearchDraft startsWith(String value) {
        startsWith = value;
        return this;
    }

    public SearchDraft endsWith(String value) {
        endsWith = value;
        return this;
    }

    public SearchDraft region(String value) {
        region = value;
        return this;
    }

    public SearchDraft locality(String value) {
        locality = value;
        return this;
    }

    public SearchDraft postalCode(String value) {
        postalCode = value;
        return this;
    }

    public SearchDraft capabilities(Capability... values) {
        capabilities = Set.copyOf(Arrays.asList(values));
        return this;
    }

    public SearchDraft excludeAddressRequired() {
        excludeAddressRequired = true;
        return this;
    }

    public SearchDraft bestEffort() {
        bestEffort = true;
        return this;
    }

    public SearchDraft limit(int value) {
        limit = value;
        return this;
    }

    /** No country and no type: every number the account owns (API.md: an owned-numbers search has no default). */
    public SearchDraft anyCountryAndType() {
        country = null;
        type = null;
        return this;
    }

    public AvailableNumberSearch build() {
        return new AvailableNumberSearch(source, country, type, areaCode, contains, startsWith, endsWith, region,
                locality, postalCode, capabilities, excludeAddressRequired, bestEffort, limit);
    }

    /**
     * Turns a vanity word into its keypad digits, as the filter parser does before a search reaches a provider
     * ({@code CALL} is 2255), so tests can say which word they look for.
     */
    public static String keypad(String word) {
        StringBuilder digits = new StringBuilder();
        for (char c : word.toUpperCase(Locale.ROOT).toCharArray()) {
            digits.append(Character.isDigit(c) ? c : "22233344455566677778889999".charAt(c - 'A'));
        }
        return digits.toString();
    }
}
