package dev.switchboard.telephony.telnyx;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for Telnyx's API v2 number resources, speaking Telnyx's real wire format (quirks included)
 * over real HTTP on 127.0.0.1, so the adapter is tested through its HTTP client, its deadline and its JSON reading
 * exactly as it runs against {@code https://api.telnyx.com}.
 *
 * <p>It serves {@code GET /v2/available_phone_numbers} (Telnyx's {@code filter[...]} parameters applied to a seeded
 * inventory, Telnyx's best effort included) and {@code GET /v2/phone_numbers} (with its filters and {@code page[...]}
 * paging), checks the bearer API key against the accounts it knows, and answers errors with Telnyx's
 * {@code {"errors": [...]}} body. Every request it receives and every response it sends is validated against
 * Telnyx's official OpenAPI document; {@link #conformanceViolations()} lists what failed (tests assert it empty),
 * except for responses replaced by an injected {@link Fault}.
 *
 * <p>Reusable by any test: {@link #start()}, point {@code switchboard.providers.telnyx.base-url} at {@link
 * #baseUrl()}, {@link #registerAccount}, seed with {@link #addInventory}/{@link #addOwned} (or {@link
 * #withSampleInventory()}), {@link #inject} faults, {@link #close()}.
 */
public final class TelnyxEmulator extends ProviderEmulator<TelnyxEmulator.ReceivedRequest> {

    private static final String AVAILABLE = "/v2/available_phone_numbers";
    private static final String OWNED = "/v2/phone_numbers";
    private static final String ORDERS = "/v2/number_orders";
    private static final java.util.regex.Pattern ONE_NUMBER = java.util.regex.Pattern.compile(OWNED + "/([^/]+)");
    private static final java.util.regex.Pattern ONE_ORDER = java.util.regex.Pattern.compile(ORDERS + "/([^/]+)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FEATURES = Set.of("sms", "mms", "voice", "fax", "emergency", "hd_voice",
            "international_sms", "local_calling");

    private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
    private final List<InventoryNumber> inventory = new CopyOnWriteArrayList<>();
    private final Map<String, List<OwnedNumber>> ownedByKey = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1_293_384_261_075_731_499L);
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicInteger pendingPolls = new AtomicInteger(1);

    private TelnyxEmulator() throws IOException {
        super("Telnyx");
        TelnyxWireConformance.validator(); // load and warm up the validator once, before any deadline runs
    }

    /** Starts an emulator on a free port of 127.0.0.1, with no accounts and no numbers. */
    public static TelnyxEmulator start() {
        try {
            return new TelnyxEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets this API key in; any other key gets Telnyx's 401. */
    public TelnyxEmulator registerAccount(String apiKey) {
        apiKeys.add(apiKey);
        return this;
    }

    /** Stops accepting this API key (as when it is revoked at Telnyx). */
    public TelnyxEmulator revoke(String apiKey) {
        apiKeys.remove(apiKey);
        return this;
    }

    public TelnyxEmulator addInventory(InventoryNumber... numbers) {
        inventory.addAll(List.of(numbers));
        return this;
    }

    /** Gives numbers to the account of this API key, purchased in the order added. */
    public TelnyxEmulator addOwned(String apiKey, OwnedNumber... numbers) {
        List<OwnedNumber> owned = ownedByKey.computeIfAbsent(apiKey, k -> new CopyOnWriteArrayList<>());
        for (OwnedNumber number : numbers) {
            owned.add(number.withId(number.id() != null ? number.id() : Long.toString(nextId.getAndIncrement()))
                    .purchasedAt(number.purchasedAt() != null ? number.purchasedAt()
                            : Instant.parse("2024-03-01T12:00:00Z").plusSeconds(60L * owned.size())));
        }
        return this;
    }

    /**
     * A small, realistic inventory: US local (Chicago, San Francisco, New York, Hilo), US toll-free, Toronto and
     * London, with Telnyx's prices and feature lists.
     */
    public TelnyxEmulator withSampleInventory() {
        return addInventory(
                InventoryNumber.of("+13125550123", "US", NumberType.LOCAL).in("IL", "Chicago", "CHICAGO ZONE 01"),
                InventoryNumber.of("+17732490564", "US", NumberType.LOCAL).in("IL", "Chicago", "CHICAGO ZONE 11")
                        .features("fax", "voice", "sms"),
                InventoryNumber.of("+14155550123", "US", NumberType.LOCAL).in("CA", "San Francisco", "SNFC CNTRL"),
                InventoryNumber.of("+14155552255", "US", NumberType.LOCAL).in("CA", "San Francisco", "SNFC CNTRL"),
                InventoryNumber.of("+12125550147", "US", NumberType.LOCAL).in("NY", "New York", "NWYRCYZN01")
                        .features("voice", "emergency"),
                InventoryNumber.of("+18089251571", "US", NumberType.LOCAL).in("HI", "Hilo", "HILO")
                        .features("voice", "mms").reservable(false),
                InventoryNumber.of("+18005550199", "US", NumberType.TOLL_FREE).features("voice", "sms", "fax")
                        .price("2.00000", "1.00000"),
                InventoryNumber.of("+18885550142", "US", NumberType.TOLL_FREE).price("2.00000", "1.00000")
                        .quickship(false),
                InventoryNumber.of("+14165550188", "CA", NumberType.LOCAL).in("ON", "Toronto", "TORONTO"),
                InventoryNumber.of("+442079460321", "GB", NumberType.LOCAL).in(null, "London", null)
                        .features("voice").price("1.50000", "0.00000").currency("EUR"));
    }

    /**
     * How many times a new number order answers {@code pending} (to its creation and then to each read) before it
     * succeeds; Telnyx's orders usually start pending and complete "momentarily". 1 by default; 0 completes at once.
     */
    public TelnyxEmulator ordersPendingFor(int reads) {
        pendingPolls.set(reads);
        return this;
    }

    /** The {@code connection_id} each owned number (by id) is assigned to, as a PATCH set it; absent: none. */
    private final Map<String, String> connectionIdById = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The {@code connection_id} the account's number is assigned to now ({@code ""} when none); empty when the
     * account does not have the number.
     */
    public Optional<String> connectionId(String apiKey, String phoneNumber) {
        return ownedByKey.getOrDefault(apiKey, List.of()).stream().filter(n -> n.phoneNumber().equals(phoneNumber))
                .findFirst().map(n -> connectionIdById.getOrDefault(n.id(), ""));
    }

    /** Assigns the account's number to another connection behind Switchboard's back (Telnyx's portal would). */
    public void repoint(String apiKey, String phoneNumber, String connectionId) {
        OwnedNumber number = ownedByKey.getOrDefault(apiKey, List.of()).stream()
                .filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst().orElseThrow();
        connectionIdById.put(Objects.requireNonNull(number.id()), connectionId);
    }

    /** Forgets accounts, numbers, faults, requests and violations: a fresh emulator on the same port. */
    public void reset() {
        forgetTraffic();
        connectionIdById.clear();
        apiKeys.clear();
        inventory.clear();
        ownedByKey.clear();
        orders.clear();
        pendingPolls.set(1);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Seed data

    /**
     * A number on sale, as Telnyx describes it. {@code state} and {@code rateCenter} are reported in
     * {@code region_information}; the locality is what {@code filter[locality]} matches, which Telnyx's answer does
     * not repeat.
     */
    public record InventoryNumber(
            String phoneNumber, String country, NumberType type,
            @Nullable String state, @Nullable String locality, @Nullable String rateCenter,
            List<String> features, String upfrontCost, String monthlyCost, String currency,
            boolean quickship, boolean reservable) {

        public InventoryNumber {
            features = List.copyOf(features);
        }

        /** Voice, SMS and MMS at Telnyx's usual US price, quickship and reservable. */
        public static InventoryNumber of(String e164, String country, NumberType type) {
            return new InventoryNumber(e164, country, type, null, null, null, List.of("voice", "sms", "mms"),
                    "1.00000", "1.00000", "USD", true, true);
        }

        public InventoryNumber in(@Nullable String state, @Nullable String locality, @Nullable String rateCenter) {
            return new InventoryNumber(phoneNumber, country, type, state, locality, rateCenter, features, upfrontCost,
                    monthlyCost, currency, quickship, reservable);
        }

        public InventoryNumber features(String... names) {
            return new InventoryNumber(phoneNumber, country, type, state, locality, rateCenter, List.of(names),
                    upfrontCost, monthlyCost, currency, quickship, reservable);
        }

        public InventoryNumber price(String monthly, String upfront) {
            return new InventoryNumber(phoneNumber, country, type, state, locality, rateCenter, features, upfront,
                    monthly, currency, quickship, reservable);
        }

        public InventoryNumber currency(String code) {
            return new InventoryNumber(phoneNumber, country, type, state, locality, rateCenter, features, upfrontCost,
                    monthlyCost, code, quickship, reservable);
        }

        public InventoryNumber quickship(boolean value) {
            return new InventoryNumber(phoneNumber, country, type, state, locality, rateCenter, features, upfrontCost,
                    monthlyCost, currency, value, reservable);
        }

        public InventoryNumber reservable(boolean value) {
            return new InventoryNumber(phoneNumber, country, type, state, locality, rateCenter, features, upfrontCost,
                    monthlyCost, currency, quickship, value);
        }
    }

    /**
     * A number an account has, as Telnyx's phone number record describes it.
     *
     * @param wireType {@code phone_number_type} as Telnyx sends it, legacy values ({@code tollfree}, {@code longcode})
     *     included
     * @param id Telnyx's id (a large integer as a string); null to have the emulator assign one
     */
    public record OwnedNumber(
            @Nullable String id, String phoneNumber, String country, String wireType, String status,
            @Nullable Instant purchasedAt) {

        /** An active number of this type with its current type name. */
        public static OwnedNumber of(String e164, String country, NumberType type) {
            return new OwnedNumber(null, e164, country, type.wireName(), "active", null);
        }

        /** Telnyx's type as sent, e.g. the legacy {@code tollfree}. */
        public OwnedNumber wireType(String type) {
            return new OwnedNumber(id, phoneNumber, country, type, status, purchasedAt);
        }

        public OwnedNumber status(String value) {
            return new OwnedNumber(id, phoneNumber, country, wireType, value, purchasedAt);
        }

        public OwnedNumber withId(String value) {
            return new OwnedNumber(value, phoneNumber, country, wireType, status, purchasedAt);
        }

        OwnedNumber purchasedAt(Instant value) {
            return new OwnedNumber(id, phoneNumber, country, wireType, status, value);
        }

        @Nullable NumberType type() {
            return switch (wireType) {
                case "local", "longcode", "landline" -> NumberType.LOCAL;
                case "toll_free", "tollfree" -> NumberType.TOLL_FREE;
                case "mobile" -> NumberType.MOBILE;
                case "national" -> NumberType.NATIONAL;
                default -> null;
            };
        }
    }

    /** One request as the emulator received it: method, path, decoded query and body, and the key it carried. */
    public record ReceivedRequest(String method, String path, Map<String, List<String>> query,
            @Nullable String apiKey, @Nullable String body) {

        public Optional<String> parameter(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        public List<String> parameters(String name) {
            return query.getOrDefault(name, List.of());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Faults

    /** Telnyx's faults: its error body, its 429 and 500, an HTML page, a broken search answer ({@link EmulatedFault}). */
    public static final class Fault {

        private Fault() {}

        /** Telnyx's own error body: {@code {"errors": [{"code", "title", "detail", "meta": {"url"}}]}}. */
        public static EmulatedFault telnyxError(int status, String code, String title, String detail) {
            return telnyxError(status, code, title, detail, null, Map.of());
        }

        /** The same, pointing at a query parameter ({@code source.parameter}) and with extra headers. */
        public static EmulatedFault telnyxError(int status, String code, String title, String detail, @Nullable String parameter,
                Map<String, String> headers) {
            return new EmulatedFault.Respond(status, "application/json", errorBody(code, title, detail, parameter), headers);
        }

        /** Telnyx's 429: code 10011, "Too many requests". */
        public static EmulatedFault rateLimited(@Nullable Duration retryAfter) {
            return telnyxError(429, "10011", "Too many requests",
                    "You have exceeded the maximum number of allowed requests.", null,
                    retryAfter == null ? Map.of() : Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
        }

        /** Telnyx's 500: code 10007, "Unexpected error". */
        public static EmulatedFault serverError() {
            return telnyxError(500, "10007", "Unexpected error", "An unexpected error occured.");
        }

        /** An HTML error page, as a load balancer in front of Telnyx answers a 502 or a 503. */
        public static EmulatedFault htmlPage(int status) {
            return new EmulatedFault.Respond(status, "text/html", "<html><head><title>" + status + " Bad Gateway</title></head>"
                    + "<body><center><h1>" + status + " Bad Gateway</h1></center></body></html>", Map.of());
        }

        /** A 200 whose JSON stops in the middle (a complete HTTP message, an incomplete document). */
        public static EmulatedFault malformedJson() {
            return new EmulatedFault.Respond(200, "application/json",
                    "{\"data\": [{\"record_type\": \"available_phone_number\", \"phone_number\": \"+1312", Map.of());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Serving

    private record Answer(int status, Map<String, String> headers, byte[] body) implements Reply {
        static Answer json(int status, Object body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
        }
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = decodeForm(exchange.getRequestURI().getRawQuery());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] bodyBytes = exchange.getRequestBody().readAllBytes();
        String body = bodyBytes.length == 0 ? null : new String(bodyBytes, StandardCharsets.UTF_8);
        // The excerpt of Telnyx's document leaves PATCH /phone_numbers/{id} out: checked here by hand instead.
        boolean patch = method.equals("PATCH");
        checking(() -> {
            received.add(new ReceivedRequest(method, path, query, bearer(authorization), body));
            if (patch) {
                checkPatch(path, contentType, body);
            } else {
                TelnyxWireConformance.checkRequest(method, path, query, authorization, contentType, body, violations);
            }
        });
        answer(exchange, () -> answer(method, path, query, authorization, body),
                (status, type, text) -> {
                    if (!patch) {
                        TelnyxWireConformance.checkResponse(method, path, status, type, text, violations);
                    }
                });
    }

    @Override
    protected void addTraceHeaders(Headers headers) {
        headers.add("X-Request-Id", UUID.randomUUID().toString());
    }

    private Answer answer(String method, String path, Map<String, List<String>> query,
            @Nullable String authorization, @Nullable String body) {
        // Telnyx authenticates before it looks at the path.
        String key = bearer(authorization);
        if (key == null || !apiKeys.contains(key)) {
            return error(401, "10009", "Authentication failed",
                    "The required authentication headers were either invalid or not included in the request.", null);
        }
        if (method.equals("GET") && path.equals(AVAILABLE)) {
            return searchInventory(query);
        }
        if (method.equals("GET") && path.equals(OWNED)) {
            return listOwned(key, query);
        }
        if (method.equals("POST") && path.equals(ORDERS)) {
            return createOrder(key, body);
        }
        java.util.regex.Matcher order = ONE_ORDER.matcher(path);
        if (method.equals("GET") && order.matches()) {
            return readOrder(key, order.group(1));
        }
        java.util.regex.Matcher number = ONE_NUMBER.matcher(path);
        if (number.matches() && (method.equals("GET") || method.equals("DELETE"))) {
            return oneNumber(key, number.group(1), method.equals("DELETE"));
        }
        if (number.matches() && method.equals("PATCH")) {
            return patchNumber(key, number.group(1), body);
        }
        return notFound();
    }

    // --- GET /v2/available_phone_numbers ----------------------------------------------------------------------

    private Answer searchInventory(Map<String, List<String>> query) {
        Optional<String> area = first(query, "filter[administrative_area]");
        if (area.isPresent() && !area.get().matches("[A-Za-z]{2}")) {
            return error(400, "10015", "Bad Request", "Must use 2 letter state/province code.",
                    "filter[administrative_area]");
        }
        List<String> features = values(query, "filter[features]");
        for (String feature : features) {
            if (!FEATURES.contains(feature)) {
                return error(400, "10015", "Bad Request", "Invalid feature: " + feature, "filter[features]");
            }
        }
        Optional<String> ndc = first(query, "filter[national_destination_code]");
        Predicate<InventoryNumber> kind = n -> true;
        Optional<String> country = first(query, "filter[country_code]");
        if (country.isPresent()) {
            kind = kind.and(n -> n.country().equalsIgnoreCase(country.get()));
        }
        Optional<String> type = first(query, "filter[phone_number_type]");
        if (type.isPresent()) {
            kind = kind.and(n -> n.type().wireName().equals(type.get()));
        }
        kind = kind.and(n -> Set.copyOf(n.features()).containsAll(features));
        if (isTrue(query, "filter[quickship]")) {
            kind = kind.and(InventoryNumber::quickship);
        }
        if (isTrue(query, "filter[reservable]")) {
            kind = kind.and(InventoryNumber::reservable);
        }

        Predicate<InventoryNumber> exact = kind;
        if (ndc.isPresent()) {
            exact = exact.and(n -> national(n).startsWith(ndc.get()));
        }
        // The patterns leave out the national destination code when one is given; letters are keypad digits.
        Optional<String> startsWith = first(query, "filter[phone_number][starts_with]").map(TelnyxEmulator::keypad);
        Optional<String> endsWith = first(query, "filter[phone_number][ends_with]").map(TelnyxEmulator::keypad);
        Optional<String> contains = first(query, "filter[phone_number][contains]").map(TelnyxEmulator::keypad);
        if (startsWith.isPresent()) {
            exact = exact.and(n -> afterNdc(n, ndc).startsWith(startsWith.get()));
        }
        if (endsWith.isPresent()) {
            exact = exact.and(n -> n.phoneNumber().endsWith(endsWith.get()));
        }
        if (contains.isPresent()) {
            // Without a destination code, anywhere in the number's digits, country code included.
            exact = exact.and(n -> (ndc.isPresent() ? afterNdc(n, ndc) : n.phoneNumber().substring(1))
                    .contains(contains.get()));
        }
        exact = exact.and(place(query, "filter[locality]", InventoryNumber::locality))
                .and(place(query, "filter[administrative_area]", InventoryNumber::state))
                .and(place(query, "filter[rate_center]", InventoryNumber::rateCenter));
        int limit = first(query, "filter[limit]").map(Integer::parseInt).map(l -> Math.min(Math.max(l, 1), 100))
                .orElse(50);

        List<Map<String, Object>> data = new ArrayList<>(inventory.stream().filter(exact).limit(limit)
                .map(n -> availableJson(n, false)).toList());
        int bestEffortResults = 0;
        // "If no numbers are found in specified area, try return numbers from a similar location" (US and Canada).
        boolean northAmerica = country.map(c -> c.equalsIgnoreCase("US") || c.equalsIgnoreCase("CA")).orElse(true);
        if (data.isEmpty() && isTrue(query, "filter[best_effort]") && northAmerica) {
            data.addAll(inventory.stream().filter(kind).limit(limit).map(n -> availableJson(n, true)).toList());
            bestEffortResults = data.size();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total_results", data.size());
        meta.put("best_effort_results", bestEffortResults);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("meta", meta);
        return Answer.json(200, body);
    }

    private static Map<String, Object> availableJson(InventoryNumber n, boolean bestEffort) {
        // Keys in the order Telnyx's quickstart sample shows them.
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("best_effort", bestEffort);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("currency", n.currency());
        cost.put("monthly_cost", n.monthlyCost());
        cost.put("upfront_cost", n.upfrontCost());
        json.put("cost_information", cost);
        json.put("features", n.features().stream().map(f -> Map.of("name", f)).toList());
        json.put("phone_number", n.phoneNumber());
        json.put("quickship", n.quickship());
        json.put("record_type", "available_phone_number");
        List<Map<String, Object>> regions = new ArrayList<>();
        regions.add(region("country_code", n.country()));
        if (n.state() != null) {
            regions.add(region("state", n.state()));
        }
        if (n.rateCenter() != null) {
            regions.add(region("rate_center", n.rateCenter()));
        }
        json.put("region_information", regions);
        json.put("reservable", n.reservable());
        json.put("vanity_format", null); // null on an ordinary number, as Telnyx sends it
        return json;
    }

    private static Map<String, Object> region(String type, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("region_name", name);
        json.put("region_type", type);
        return json;
    }

    // --- GET /v2/phone_numbers ----------------------------------------------------------------------------

    private Answer listOwned(String key, Map<String, List<String>> query) {
        int pageNumber = first(query, "page[number]").map(Integer::parseInt).orElse(1);
        int pageSize = first(query, "page[size]").map(Integer::parseInt).orElse(20);
        if (pageNumber < 1) {
            return error(400, "10015", "Bad Request", "page[number] must be at least 1", "page[number]");
        }
        if (pageSize < 1 || pageSize > 250) {
            return error(400, "10015", "Bad Request", "page[size] must be between 1 and 250", "page[size]");
        }
        Predicate<OwnedNumber> matches = n -> true;
        Optional<String> phoneNumber = first(query, "filter[phone_number]");
        if (phoneNumber.isPresent()) {
            String digits = phoneNumber.get();
            if (digits.replaceAll("\\D", "").length() < 3) {
                return error(400, "10015", "Bad Request", "filter[phone_number] requires at least three digits.",
                        "filter[phone_number]");
            }
            // "Non-numerical characters will result in no values being returned": a partial match on digits only.
            matches = matches.and(n -> digits.matches("\\d+") && n.phoneNumber().substring(1).contains(digits));
        }
        List<String> countries = values(query, "filter[country_iso_alpha2]");
        countries.stream().filter(c -> !c.matches("[A-Z]{2}")).forEach(c -> violations.add(
                "filter[country_iso_alpha2] is not an ISO 3166-1 alpha-2 code: " + c));
        if (!countries.isEmpty()) {
            matches = matches.and(n -> countries.stream().anyMatch(c -> c.equalsIgnoreCase(n.country())));
        }
        Optional<String> type = first(query, "filter[number_type][eq]");
        if (type.isPresent()) {
            // Telnyx files the legacy types under their current names.
            matches = matches.and(n -> n.type() != null && n.type().wireName().equals(type.get()));
        }
        Optional<String> status = first(query, "filter[status]");
        if (status.isPresent()) {
            matches = matches.and(n -> n.status().equals(status.get()));
        }
        // "If not given, results are sorted by created_at in descending order."
        List<OwnedNumber> all = ownedByKey.getOrDefault(key, List.of()).stream().filter(matches)
                .sorted(Comparator.comparing((OwnedNumber n) -> Objects.requireNonNull(n.purchasedAt())).reversed())
                .toList();
        List<Map<String, Object>> data = all.stream().skip((long) (pageNumber - 1) * pageSize).limit(pageSize)
                .map(this::routedJson).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total_pages", (all.size() + pageSize - 1) / pageSize);
        meta.put("total_results", all.size());
        meta.put("page_number", pageNumber);
        meta.put("page_size", pageSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("meta", meta);
        return Answer.json(200, body);
    }


    // --- POST /v2/number_orders, GET /v2/number_orders/{id}, GET and DELETE /v2/phone_numbers/{id} ----------------

    /** An order as the emulator keeps it: whose it is, its numbers, and how many more reads answer pending. */
    private record Order(String id, String key, List<String> phoneNumbers, Instant createdAt, AtomicInteger pending) {}

    private Answer createOrder(String key, @Nullable String body) {
        List<String> wanted = new ArrayList<>();
        try {
            for (tools.jackson.databind.JsonNode entry : JSON.readTree(body == null ? "{}" : body)
                    .path("phone_numbers")) {
                wanted.add(entry.path("phone_number").asString());
            }
        } catch (RuntimeException notJson) {
            return error(400, "10015", "Bad Request", "The request failed because it was not well-formed.", null);
        }
        if (wanted.isEmpty()) {
            return error(422, "10004", "Missing required parameter", "A required parameter was missing.", null);
        }
        synchronized (inventory) {
            List<InventoryNumber> picked = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                String e164 = wanted.get(i);
                Optional<InventoryNumber> onSale = inventory.stream().filter(n -> n.phoneNumber().equals(e164))
                        .findFirst();
                if (onSale.isEmpty()) {
                    // "Only phone numbers that were previously returned in a search request can be ordered."
                    return new Answer(422, Map.of("Content-Type", "application/json"), bytes(JSON.writeValueAsString(
                            Map.of("errors", List.of(Map.of("code", "10015", "title", "Bad Request",
                                    "detail", "The phone number " + e164 + " is not available for purchase.",
                                    "source", Map.of("pointer", "/phone_numbers/" + i + "/phone_number")))))));
                }
                picked.add(onSale.get());
            }
            inventory.removeAll(picked);
            Order order = new Order(UUID.randomUUID().toString(), key, List.copyOf(wanted), Instant.now(),
                    new AtomicInteger(pendingPolls.get()));
            orders.put(order.id(), order);
            List<OwnedNumber> owned = ownedByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            for (InventoryNumber n : picked) {
                owned.add(new OwnedNumber(Long.toString(nextId.getAndIncrement()), n.phoneNumber(), n.country(),
                        n.type().wireName(), order.pending().get() > 0 ? "purchase-pending" : "active",
                        Instant.now()));
            }
            return Answer.json(200, Map.of("data", orderJson(order, order.pending().get() > 0)));
        }
    }

    private Answer readOrder(String key, String id) {
        Order order = orders.get(id);
        if (order == null || !order.key().equals(key)) {
            return notFound();
        }
        boolean pending = order.pending().getAndUpdate(n -> Math.max(0, n - 1)) > 1;
        if (!pending) {
            List<OwnedNumber> owned = ownedByKey.getOrDefault(key, List.of());
            for (int i = 0; i < owned.size(); i++) {
                OwnedNumber n = owned.get(i);
                if (order.phoneNumbers().contains(n.phoneNumber()) && n.status().equals("purchase-pending")) {
                    owned.set(i, n.status("active"));
                }
            }
        }
        return Answer.json(200, Map.of("data", orderJson(order, pending)));
    }

    private Map<String, Object> orderJson(Order order, boolean pending) {
        String status = pending ? "pending" : "success";
        String created = order.createdAt().toString();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", order.id());
        json.put("record_type", "number_order");
        json.put("phone_numbers_count", order.phoneNumbers().size());
        json.put("connection_id", null);
        json.put("messaging_profile_id", null);
        json.put("billing_group_id", null);
        json.put("phone_numbers", order.phoneNumbers().stream().map(e164 -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", uuidFor(order.id() + e164));
            entry.put("record_type", "number_order_phone_number");
            entry.put("phone_number", e164);
            entry.put("order_request_id", order.id());
            entry.put("sub_number_order_id", uuidFor("sub " + order.id()));
            entry.put("country_code", e164.startsWith("+1") ? "US" : "GB");
            entry.put("phone_number_type", "local");
            entry.put("regulatory_requirements", List.of());
            entry.put("requirements_met", true);
            entry.put("status", status);
            entry.put("is_block_number", false);
            return entry;
        }).toList());
        json.put("sub_number_orders_ids", List.of(uuidFor("sub " + order.id())));
        json.put("status", status);
        json.put("customer_reference", null);
        json.put("created_at", created);
        json.put("updated_at", created);
        json.put("requirements_met", true);
        return json;
    }

    private Answer oneNumber(String key, String id, boolean delete) {
        List<OwnedNumber> owned = ownedByKey.getOrDefault(key, List.of());
        Optional<OwnedNumber> number = owned.stream().filter(n -> id.equals(n.id())).findFirst();
        if (number.isEmpty()) {
            return notFound();
        }
        if (!delete) {
            return Answer.json(200, Map.of("data", routedJson(number.get())));
        }
        owned.remove(number.get());
        connectionIdById.remove(id);
        Map<String, Object> deleted = ownedJson(number.get().status("deleted"));
        deleted.remove("country_iso_alpha2"); // the deleted record's schema has no country
        deleted.remove("emergency_status");
        deleted.remove("inbound_call_screening");
        deleted.remove("source_type");
        // The deleted record's schema knows only the current type names, not the legacy tollfree/longcode.
        NumberType type = number.get().type();
        deleted.put("phone_number_type", type == null ? number.get().wireType() : type.wireName());
        return Answer.json(200, Map.of("data", deleted));
    }

    /**
     * {@code PATCH /v2/phone_numbers/{id}} (Telnyx's {@code UpdatePhoneNumberRequest}): {@code connection_id}, a
     * string or null, assigns the number to that connection (application) or to none; answers the number, 200.
     */
    private Answer patchNumber(String key, String id, @Nullable String body) {
        Optional<OwnedNumber> number = ownedByKey.getOrDefault(key, List.of()).stream()
                .filter(n -> id.equals(n.id())).findFirst();
        if (number.isEmpty()) {
            return notFound();
        }
        Map<?, ?> fields = body == null ? Map.of() : JSON.readValue(body, Map.class);
        if (fields.containsKey("connection_id")) {
            Object value = fields.get("connection_id");
            if (value == null) {
                connectionIdById.remove(id);
            } else if (value instanceof String text && text.matches("[A-Za-z0-9_-]{1,64}")) {
                connectionIdById.put(id, text);
            } else {
                return error(422, "10015", "Invalid value", "connection_id is not a valid connection.",
                        "connection_id");
            }
        }
        return Answer.json(200, Map.of("data", routedJson(number.get())));
    }

    /** What a PATCH must be: JSON with only the fields Telnyx's UpdatePhoneNumberRequest has. */
    private void checkPatch(String path, @Nullable String contentType, @Nullable String body) {
        if (!ONE_NUMBER.matcher(path).matches()) {
            violations.add("PATCH " + path + ": Telnyx has no PATCH there");
            return;
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            violations.add("PATCH " + path + " sent Content-Type " + contentType + ", not application/json");
        }
        if (body == null) {
            violations.add("PATCH " + path + " sent no body");
            return;
        }
        Map<?, ?> fields = JSON.readValue(body, Map.class);
        for (Object field : fields.keySet()) {
            if (!List.of("connection_id", "customer_reference", "billing_group_id", "tags", "external_pin",
                    "hd_voice_enabled", "address_id").contains(field)) {
                violations.add("PATCH " + path + " sent " + field + ", which UpdatePhoneNumberRequest has not");
            }
        }
    }

    private Map<String, Object> routedJson(OwnedNumber n) {
        Map<String, Object> json = ownedJson(n);
        json.put("connection_id", n.id() == null ? null : connectionIdById.get(n.id()));
        return json;
    }

    private static Answer notFound() {
        return error(404, "10005", "Resource not found", "The requested resource or URL could not be found.", null);
    }

    static Map<String, Object> ownedJson(OwnedNumber n) {
        String purchased = Objects.requireNonNull(n.purchasedAt()).toString();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", n.id());
        json.put("record_type", "phone_number");
        json.put("phone_number", n.phoneNumber());
        json.put("country_iso_alpha2", n.country());
        json.put("status", n.status());
        json.put("tags", List.of());
        json.put("external_pin", null);
        json.put("connection_id", null);
        json.put("connection_name", null);
        json.put("customer_reference", null);
        json.put("messaging_profile_id", null);
        json.put("messaging_profile_name", null);
        json.put("billing_group_id", null);
        json.put("emergency_enabled", false);
        json.put("emergency_address_id", null);
        json.put("emergency_status", "disabled");
        json.put("call_forwarding_enabled", true);
        json.put("cnam_listing_enabled", false);
        json.put("caller_id_name_enabled", false);
        json.put("call_recording_enabled", false);
        json.put("t38_fax_gateway_enabled", false);
        json.put("phone_number_type", n.wireType());
        json.put("inbound_call_screening", "disabled");
        json.put("purchased_at", purchased);
        json.put("created_at", purchased);
        json.put("updated_at", purchased);
        json.put("hd_voice_enabled", false);
        json.put("source_type", "number_order");
        return json;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Telnyx's errors

    private static Answer error(int status, String code, String title, String detail, @Nullable String parameter) {
        return new Answer(status, Map.of("Content-Type", "application/json"),
                bytes(errorBody(code, title, detail, parameter)));
    }

    static String errorBody(String code, String title, String detail, @Nullable String parameter) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("title", title);
        error.put("detail", detail);
        if (parameter != null) {
            error.put("source", Map.of("parameter", parameter));
        }
        error.put("meta", Map.of("url", "https://developers.telnyx.com/docs/overview/errors/" + code));
        return JSON.writeValueAsString(Map.of("errors", List.of(error)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Plumbing

    private static String national(InventoryNumber n) {
        String callingCode = CallingCodes.of(n.country()).orElse("");
        return CallingCodes.nationalNumber(n.phoneNumber(), callingCode);
    }

    private static String afterNdc(InventoryNumber n, Optional<String> ndc) {
        String national = national(n);
        return ndc.filter(national::startsWith).map(code -> national.substring(code.length())).orElse(national);
    }

    /** Letters as their keypad digits: Telnyx takes {@code TACO} as well as {@code 8226}. */
    static String keypad(String pattern) {
        StringBuilder digits = new StringBuilder();
        for (char c : pattern.toUpperCase(Locale.ROOT).toCharArray()) {
            digits.append(c >= 'A' && c <= 'Z' ? "22233344455566677778889999".charAt(c - 'A') : c);
        }
        return digits.toString();
    }

    private static Predicate<InventoryNumber> place(Map<String, List<String>> query, String parameter,
            Function<InventoryNumber, @Nullable String> field) {
        Optional<String> wanted = first(query, parameter);
        return wanted.<Predicate<InventoryNumber>>map(w -> n -> w.equalsIgnoreCase(Objects.requireNonNullElse(
                field.apply(n), ""))).orElse(n -> true);
    }

    private static boolean isTrue(Map<String, List<String>> query, String parameter) {
        return first(query, parameter).map("true"::equalsIgnoreCase).orElse(false);
    }

    /** Every value of a parameter, repeated ({@code a=1&a=2}) or comma-separated ({@code a=1,2}), as Telnyx takes both. */
    private static List<String> values(Map<String, List<String>> query, String parameter) {
        return query.getOrDefault(parameter, List.of()).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .collect(Collectors.toList());
    }

    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /** A Telnyx-style order id. */
    static String uuidFor(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
