package dev.switchboard.numbers;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberSource;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.web.Ids;
import dev.switchboard.web.RequestErrors;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the query string of {@code GET /v1/numbers/available} into an {@link AvailableNumberQuery}, or a 422
 * naming every parameter and {@code filters} key that is wrong. Nothing unknown is silently ignored.
 */
final class AvailableNumberQueryParser {

    static final List<String> PARAMETERS = List.of("telephony_provider", "telephony_account_connection", "limit", "filters");
    static final List<String> FILTER_KEYS = List.of("source", "country", "type", "area_code", "contains", "starts_with",
            "ends_with", "region", "locality", "postal_code", "capabilities", "exclude_address_required", "best_effort",
            "sort");
    /** The parameters of {@code GET /v1/numbers/available/all}: no provider or connection, a list of connections. */
    static final List<String> ALL_PARAMETERS = List.of("connections", "limit", "filters");
    /** How many connections one search across accounts asks at most. */
    static final int MAX_CONNECTIONS = 20;
    private static final Set<String> NANP_COUNTRIES = Set.of("US", "CA", "PR", "VI", "GU", "AS", "MP", "AG", "AI",
            "BB", "BM", "BS", "DM", "DO", "GD", "JM", "KN", "KY", "LC", "MS", "SX", "TC", "TT", "VC", "VG");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern NANP_AREA_CODE = Pattern.compile("[2-9][0-9]{2}");
    private static final Pattern NATIONAL_DESTINATION_CODE = Pattern.compile("[0-9]{1,6}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern VANITY = Pattern.compile("[0-9A-Za-z]{1,15}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z \\-]{0,11}");
    private static final int MAX_TEXT = 100;
    private static final int MAX_FILTERS_LENGTH = 4096;
    // Duplicate keys would make the meaning of a filter depend on the parser: refuse them.
    private static final JsonMapper FILTERS_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private AvailableNumberQueryParser() {}

    static AvailableNumberQuery parse(Map<String, List<String>> query) {
        RequestErrors errors = new RequestErrors();
        for (var entry : query.entrySet()) {
            if (!PARAMETERS.contains(entry.getKey())) {
                errors.add(entry.getKey(), "unknown parameter; expected one of " + PARAMETERS);
            } else if (entry.getValue().size() > 1) {
                errors.add(entry.getKey(), "given more than once");
            }
        }
        TelephonyProviderName provider = single(query, "telephony_provider", errors, true, value ->
                TelephonyProviderName.fromWireName(value).orElseGet(() -> {
                    errors.add("telephony_provider", "must be one of " + wireNames(TelephonyProviderName.values(),
                            TelephonyProviderName::wireName));
                    return null;
                }));
        UUID connectionId = single(query, "telephony_account_connection", errors, true, value -> {
            if (!Ids.isCanonical(value)) {
                errors.add("telephony_account_connection", "must be the id (a UUID) of one of your account connections");
                return null;
            }
            return UUID.fromString(value);
        });
        ParsedFilters filters = limitAndFilters(query, errors);
        errors.throwIfAny();
        return new AvailableNumberQuery(provider, connectionId, filters.search(), filters.sort());
    }

    /**
     * The query of {@code GET /v1/numbers/available/all}: the same {@code limit} and {@code filters}, and
     * {@code connections}, a comma list of the caller's connection ids (null: all of the caller's telephony ones).
     */
    static AcrossAccountsQuery parseAcrossAccounts(Map<String, List<String>> query) {
        RequestErrors errors = new RequestErrors();
        for (var entry : query.entrySet()) {
            if (!ALL_PARAMETERS.contains(entry.getKey())) {
                errors.add(entry.getKey(), "unknown parameter; expected any of " + ALL_PARAMETERS);
            } else if (entry.getValue().size() > 1) {
                errors.add(entry.getKey(), "given more than once");
            }
        }
        List<UUID> connections = single(query, "connections", errors, false, value -> parseConnections(value, errors));
        ParsedFilters filters = limitAndFilters(query, errors);
        if (filters.search() != null && filters.search().source() != NumberSource.INVENTORY) {
            errors.add("filters.source", "a search across accounts lists numbers on sale (inventory) only; list the "
                    + "numbers one account owns with GET /v1/numbers/available");
        }
        errors.throwIfAny();
        return new AcrossAccountsQuery(connections, filters.search(),
                filters.sort() == null ? NumberSort.Search.MONTHLY_PRICE : filters.sort());
    }

    private static ParsedFilters limitAndFilters(Map<String, List<String>> query, RequestErrors errors) {
        Integer limit = single(query, "limit", errors, false, value -> parseLimit(value, errors));
        int size = limit == null ? AvailableNumberSearch.DEFAULT_LIMIT : limit;
        ParsedFilters filters = single(query, "filters", errors, false, value -> parseFilters(value, size, errors));
        if (filters == null && !query.containsKey("filters")) {
            filters = new ParsedFilters(AvailableNumberSearch.defaults().withLimit(size), null);
        }
        return filters == null ? new ParsedFilters(null, null) : filters;
    }

    private static @Nullable List<UUID> parseConnections(String value, RequestErrors errors) {
        List<UUID> ids = new java.util.ArrayList<>();
        String[] parts = value.split(",", -1);
        if (parts.length > MAX_CONNECTIONS) {
            errors.add("connections", "names " + parts.length + " connections; at most " + MAX_CONNECTIONS);
            return null;
        }
        for (String part : parts) {
            String id = part.trim();
            if (!Ids.isCanonical(id)) {
                errors.add("connections", "must be a comma list of ids (UUIDs) of your account connections; \""
                        + (id.length() <= 40 ? id : id.substring(0, 40) + "…") + "\" is not one");
                return null;
            }
            UUID uuid = UUID.fromString(id);
            if (ids.contains(uuid)) {
                errors.add("connections", "names " + id + " more than once");
                return null;
            }
            ids.add(uuid);
        }
        return ids;
    }

    /** What {@code filters} holds: the provider-neutral search, and the order to rank it in (null: not given). */
    private record ParsedFilters(@Nullable AvailableNumberSearch search, NumberSort.@Nullable Search sort) {}

    private static <T> @Nullable T single(Map<String, List<String>> query, String name, RequestErrors errors,
            boolean required, Function<String, @Nullable T> parse) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            if (required) {
                errors.add(name, "is required");
            }
            return null;
        }
        if (values.size() > 1) {
            return null; // already reported
        }
        String value = values.getFirst();
        if (value.isBlank()) {
            if (required) {
                errors.add(name, "is required and must not be empty");
            } else {
                errors.add(name, "must not be empty; leave the parameter out for its default");
            }
            return null;
        }
        return parse.apply(value.trim());
    }

    private static @Nullable Integer parseLimit(String value, RequestErrors errors) {
        // The seed types limit as a number: accept an integral value written as 20 or 20.0.
        String text = value.endsWith(".0") ? value.substring(0, value.length() - 2) : value;
        if (!LIMIT.matcher(text).matches()) {
            errors.add("limit", "must be a whole number from 1 to " + AvailableNumberSearch.MAX_LIMIT);
            return null;
        }
        int limit = Integer.parseInt(text);
        if (limit < 1 || limit > AvailableNumberSearch.MAX_LIMIT) {
            errors.add("limit", "must be from 1 to " + AvailableNumberSearch.MAX_LIMIT + "; got " + limit);
            return null;
        }
        return limit;
    }

    private static @Nullable ParsedFilters parseFilters(String text, int limit, RequestErrors errors) {
        if (text.length() > MAX_FILTERS_LENGTH) {
            errors.add("filters", "must be at most " + MAX_FILTERS_LENGTH + " characters");
            return null;
        }
        JsonNode root;
        try {
            root = FILTERS_JSON.readTree(text);
        } catch (JacksonException e) {
            errors.add("filters", "must be a JSON object encoded as a string, e.g. {\"area_code\":\"415\"}"
                    + (e.getMessage() != null && e.getMessage().startsWith("Duplicate") ? " (a key is repeated)" : ""));
            return null;
        }
        if (root == null || !root.isObject()) {
            errors.add("filters", "must be a JSON object, e.g. {\"area_code\":\"415\"}");
            return null;
        }
        for (String key : root.propertyNames()) {
            if (!FILTER_KEYS.contains(key)) {
                errors.add("filters." + key, "unknown filter; expected one of " + FILTER_KEYS);
            }
        }
        Filters f = new Filters(root, errors);
        NumberSource source = f.enumValue("source", NumberSource::fromWireName, NumberSource.values(),
                NumberSource::wireName, NumberSource.INVENTORY);
        String country = f.text("country", COUNTRY, "an ISO 3166-1 alpha-2 country code such as US");
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!ISO_COUNTRIES.contains(country)) {
                errors.add("filters.country", "is not an ISO 3166-1 alpha-2 country code: " + country);
            }
        } else if (source == NumberSource.INVENTORY || root.has("area_code") || root.has("starts_with")) {
            // API.md: numbers on sale default to the US. Owned numbers have no default country (every one the
            // account has), except that an area code or leading digits are read in a numbering plan: the NANP's.
            country = "US";
        }
        // Owned numbers have no default type either: null is every type.
        NumberType type = f.enumValue("type", NumberType::fromWireName, NumberType.values(), NumberType::wireName,
                source == NumberSource.INVENTORY ? NumberType.LOCAL : null);
        String areaCode = country == null || NANP_COUNTRIES.contains(country)
                ? f.text("area_code", NANP_AREA_CODE, "a 3-digit North American area code such as 415")
                : f.text("area_code", NATIONAL_DESTINATION_CODE, "the digits of a national destination code");
        String contains = f.text("contains", VANITY, "up to 15 digits or letters (letters as on a phone keypad)");
        String startsWith = f.text("starts_with", DIGITS, "up to 15 digits of the national number");
        String endsWith = f.text("ends_with", DIGITS, "up to 15 digits");
        String region = f.text("region", null, null);
        String locality = f.text("locality", null, null);
        String postalCode = f.text("postal_code", POSTAL_CODE, "a postal code");
        Set<Capability> capabilities = f.capabilities();
        boolean excludeAddressRequired = f.bool("exclude_address_required");
        boolean bestEffort = f.bool("best_effort");
        NumberSort.Search sort = f.enumValue("sort", name -> NumberSort.named(NumberSort.Search.values(), name),
                NumberSort.Search.values(), NumberSort.Search::wireName, null);
        if (!errors.isEmpty()) {
            return null;
        }
        // sort stays out of the provider-neutral search: it orders what providers answer, so the same search sorted
        // two ways is one provider call and one cache entry
        return new ParsedFilters(new AvailableNumberSearch(source, country, type, areaCode,
                contains == null ? null : VanityNumber.toDigits(contains), startsWith, endsWith, region, locality,
                postalCode, capabilities, excludeAddressRequired, bestEffort, limit), sort);
    }

    private static <E> String wireNames(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.joining(", "));
    }

    /** Reads typed filter values, reporting each wrong one under {@code filters.<key>}. */
    private record Filters(JsonNode root, RequestErrors errors) {

        private @Nullable JsonNode value(String key) {
            JsonNode node = root.get(key);
            return node == null || node.isNull() ? null : node;
        }

        @Nullable String text(String key, @Nullable Pattern format, @Nullable String expected) {
            JsonNode node = value(key);
            if (node == null) {
                return null;
            }
            if (!node.isString()) {
                errors.add("filters." + key, "must be a string" + (expected == null ? "" : ": " + expected));
                return null;
            }
            String text = node.asString().trim();
            if (text.isEmpty() || text.length() > MAX_TEXT) {
                errors.add("filters." + key, "must be 1 to " + MAX_TEXT + " characters");
                return null;
            }
            if (format != null && !format.matcher(text).matches()) {
                errors.add("filters." + key, "must be " + expected + "; got \"" + abbreviate(text) + "\"");
                return null;
            }
            return text;
        }

        <E> @Nullable E enumValue(String key, Function<String, java.util.Optional<E>> parse, E[] values,
                Function<E, String> name, @Nullable E fallback) {
            JsonNode node = value(key);
            if (node == null) {
                return fallback;
            }
            var parsed = node.isString() ? parse.apply(node.asString()) : java.util.Optional.<E>empty();
            if (parsed.isEmpty()) {
                errors.add("filters." + key, "must be one of " + wireNames(values, name));
                return fallback;
            }
            return parsed.get();
        }

        boolean bool(String key) {
            JsonNode node = value(key);
            if (node == null) {
                return false;
            }
            if (!node.isBoolean()) {
                errors.add("filters." + key, "must be true or false");
                return false;
            }
            return node.booleanValue();
        }

        Set<Capability> capabilities() {
            JsonNode node = value("capabilities");
            if (node == null) {
                return Set.of();
            }
            String expected = "an array of " + wireNames(Capability.values(), Capability::wireName);
            if (!node.isArray()) {
                errors.add("filters.capabilities", "must be " + expected);
                return Set.of();
            }
            Set<Capability> wanted = EnumSet.noneOf(Capability.class);
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                var capability = item.isString() ? Capability.fromWireName(item.asString()) : java.util.Optional.<Capability>empty();
                if (capability.isEmpty()) {
                    errors.add("filters.capabilities[" + i + "]", "must be one of "
                            + wireNames(Capability.values(), Capability::wireName));
                } else {
                    wanted.add(capability.get());
                }
            }
            return wanted;
        }

        private static String abbreviate(String text) {
            return text.length() <= 20 ? text : text.substring(0, 20) + "…";
        }
    }
}
