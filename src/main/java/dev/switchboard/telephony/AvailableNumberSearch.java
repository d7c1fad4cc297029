package dev.switchboard.telephony;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One validated search for phone numbers, provider-neutral. Built only from a checked request, so every
 * value here is already well-formed: {@code country} is an upper-case ISO 3166-1 alpha-2 code, the digit
 * patterns hold digits only (vanity letters already turned into their keypad digits), {@code limit} is 1–100.
 *
 * @param country the country; null only for {@code source: account}, meaning every country
 * @param type the type of number; null only for {@code source: account}, meaning every type
 * @param contains digits that must appear somewhere in the national number
 * @param startsWith digits the national number (without country code) must start with
 * @param endsWith digits the number must end with
 */
public record AvailableNumberSearch(
        NumberSource source,
        @Nullable String country,
        @Nullable NumberType type,
        @Nullable String areaCode,
        @Nullable String contains,
        @Nullable String startsWith,
        @Nullable String endsWith,
        @Nullable String region,
        @Nullable String locality,
        @Nullable String postalCode,
        Set<Capability> capabilities,
        boolean excludeAddressRequired,
        boolean bestEffort,
        int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public AvailableNumberSearch {
        Objects.requireNonNull(source);
        if (source == NumberSource.INVENTORY) {
            // API.md: numbers on sale are searched in one country and of one type (US local by default); owned numbers
            // have no default, and a null country or type there means any
            Objects.requireNonNull(country);
            Objects.requireNonNull(type);
        }
        capabilities = Set.copyOf(capabilities);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        }
    }

    /** A search with every filter at its default: US local inventory, 20 numbers. */
    public static AvailableNumberSearch defaults() {
        return new AvailableNumberSearch(NumberSource.INVENTORY, "US", NumberType.LOCAL, null, null, null, null,
                null, null, null, Set.of(), false, false, DEFAULT_LIMIT);
    }

    public AvailableNumberSearch withLimit(int newLimit) {
        return new AvailableNumberSearch(source, country, type, areaCode, contains, startsWith, endsWith, region,
                locality, postalCode, capabilities, excludeAddressRequired, bestEffort, newLimit);
    }

    /** Whether the search has a digit pattern ({@code contains}, {@code starts_with} or {@code ends_with}). */
    public boolean hasDigitPatterns() {
        return contains != null || startsWith != null || endsWith != null;
    }

    /**
     * The search without its digit patterns, no longer best effort itself: the nearest looser search a best-effort
     * search falls back to when nothing matches exactly (same place, other digits; the area code stays).
     */
    public AvailableNumberSearch withoutDigitPatterns() {
        return new AvailableNumberSearch(source, country, type, areaCode, null, null, null, region, locality,
                postalCode, capabilities, excludeAddressRequired, false, limit);
    }

}
