package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberSource;
import dev.switchboard.telephony.NumberType;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A search written in a test as only the filters that matter to it; the rest keep the API's defaults. */
final class SearchDraft {

    private NumberSource source = NumberSource.INVENTORY;
    private String country = "US";
    private NumberType type = NumberType.LOCAL;
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

    static SearchDraft search() {
        return new SearchDraft();
    }

    SearchDraft country(String value) {
        country = value;
        return this;
    }

    SearchDraft type(NumberType value) {
        type = value;
        return this;
    }

    SearchDraft areaCode(String value) {
        areaCode = value;
        return this;
    }

    SearchDraft contains(String value) {
        contains = value;
        return this;
    }

    SearchDraft startsWith(String value) {
        startsWith = value;
        return this;
    }

    SearchDraft endsWith(String value) {
        endsWith = value;
        return this;
    }

    SearchDraft region(String value) {
        region = value;
        return this;
    }

    SearchDraft locality(String value) {
        locality = value;
        return this;
    }

    SearchDraft postalCode(String value) {
        postalCode = value;
        return this;
    }

    SearchDraft capabilities(Capability... values) {
        capabilities = Set.of(values);
        return this;
    }

    SearchDraft excludeAddressRequired() {
        excludeAddressRequired = true;
        return this;
    }

    SearchDraft bestEffort() {
        bestEffort = true;
        return this;
    }

    SearchDraft limit(int value) {
        limit = value;
        return this;
    }

    AvailableNumberSearch build() {
        return new AvailableNumberSearch(source, country, type, areaCode, contains, startsWith, endsWith, region,
                locality, postalCode, capabilities, excludeAddressRequired, bestEffort, limit);
    }

    /**
     * Turns a vanity word into its keypad digits, as the filter parser does before a search reaches a provider
     * ({@code CALL} is 2255), so tests can say which word they look for.
     */
    static String keypad(String word) {
        StringBuilder digits = new StringBuilder();
        for (char c : word.toUpperCase(Locale.ROOT).toCharArray()) {
            digits.append(Character.isDigit(c) ? c : "22233344455566677778889999".charAt(c - 'A'));
        }
        return digits.toString();
    }
}
