package dev.switchboard.telephony.vonage;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for Vonage's Numbers API ({@code https://rest.nexmo.com}), speaking Vonage's real wire
 * format (quirks included) over real HTTP on 127.0.0.1, so the adapter is tested through its HTTP client, its deadline
 * and its JSON reading exactly as it runs against Vonage.
 *
 * <p>It serves {@code GET /number/search} (country, type, features and pattern applied to a seeded inventory, with
 * Vonage's {@code count} and {@code size}/{@code index} paging), {@code GET /account/numbers} (the same paging, and
 * the numbers each account owns), and {@code POST /number/buy} and {@code /number/cancel} (form bodies, answering
 * {@code {"error-code": "200", "error-code-label": "success"}}). It takes credentials as Vonage does, as HTTP basic
 * auth or as {@code api_key}/{@code api_secret} parameters, and answers errors with Vonage's error bodies. Every
 * request it receives and every response it sends is validated against Vonage's official OpenAPI document; {@link
 * #conformanceViolations()} lists what failed (tests assert it empty), except for responses replaced by an injected
 * {@link Fault}.
 *
 * <p>Quirks it reproduces: {@code msisdn} without {@code +}; {@code cost} as a decimal string; {@code count} is the
 * number of all matches while {@code numbers} holds one page; with no match the answer is just {@code {"count": 0}},
 * without {@code numbers} (rapidpro's Nexmo client reads {@code numbers} only when {@code count} is non-zero); a
 * {@code search_pattern=0} pattern includes the country code; {@code size} is at most 100 and {@code index} counts
 * pages from 1.
 *
 * <p>Reusable by any test: {@link #start()}, point {@code switchboard.providers.vonage.base-url} at {@link
 * #baseUrl()}, {@link #registerAccount}, seed with {@link #addInventory}/{@link #addOwned} (or {@link
 * #withSampleInventory()}), {@link #inject} faults, {@link #close()}.
 */
public final class VonageEmulator extends ProviderEmulator<VonageEmulator.ReceivedRequest> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    private static final Set<String> TYPES = Set.of("landline", "mobile-lvn", "landline-toll-free");
    private static final Set<String> FEATURE_VALUES =
            Set.of("SMS", "VOICE", "SMS,VOICE", "MMS", "SMS,MMS", "VOICE,MMS", "SMS,MMS,VOICE");

    private final Map<String, String> secretByKey = new ConcurrentHashMap<>();
    private final List<InventoryNumber> inventory = new CopyOnWriteArrayList<>();
    private final Map<String, List<OwnedNumber>> ownedByAccount = new ConcurrentHashMap<>();
    /**
     * The application each owned number (by account and msisdn) is linked to, as {@code /number/update} set it;
     * {@code ""}: none. A number not in it is linked to {@link #DEFAULT_APP}, as the SDK's fixture shows numbers.
     */
    private final Map<String, String> appByNumber = new ConcurrentHashMap<>();

    /** The application an owned number is linked to until an update says otherwise. */
    public static final String DEFAULT_APP = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";

    private VonageEmulator() throws IOException {
        super("Vonage");
        VonageWireConformance.validator(); // load and warm up the validator once, before any deadline runs
    }

    /** Starts an emulator on a free port of 127.0.0.1, with no accounts and no numbers. */
    public static VonageEmulator start() {
        try {
            return new VonageEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets this API key and secret in; any other credentials get Vonage's 401. */
    public VonageEmulator registerAccount(String apiKey, String apiSecret) {
        secretByKey.put(apiKey, apiSecret);
        return this;
    }

    /** Puts numbers on sale, listed in the order added. */
    public VonageEmulator addInventory(InventoryNumber... numbers) {
        inventory.addAll(List.of(numbers));
        return this;
    }

    /** Gives numbers to an account, listed in the order added. */
    public VonageEmulator addOwned(String apiKey, OwnedNumber... numbers) {
        ownedByAccount.computeIfAbsent(apiKey, a -> new CopyOnWriteArrayList<>()).addAll(List.of(numbers));
        return this;
    }

    /** The numbers an account owns now (bought ones included), in order. */
    public List<OwnedNumber> owned(String apiKey) {
        return List.copyOf(ownedByAccount.getOrDefault(apiKey, List.of()));
    }

    /** Whether a number (msisdn, no {@code +}) is on sale now. */
    public boolean onSale(String msisdn) {
        return inventory.stream().anyMatch(n -> n.msisdn().equals(msisdn));
    }

    /**
     * A small, realistic inventory: as the real Vonage, most of its US geographic stock is {@code mobile-lvn} (SMS-
     * capable long virtual numbers: San Francisco, New York), some {@code landline} (Hilo, Chicago); US toll-free, a
     * Canadian landline, and British landline and mobile numbers, with Vonage's prices in euros.
     */
    public VonageEmulator withSampleInventory() {
        return addInventory(
                InventoryNumber.of("14155550123", "US", NumberType.MOBILE),
                InventoryNumber.of("14155552255", "US", NumberType.MOBILE),
                InventoryNumber.of("12125550147", "US", NumberType.MOBILE),
                InventoryNumber.of("18089251571", "US", NumberType.LOCAL).features("VOICE", "MMS"),
                InventoryNumber.of("13125550175", "US", NumberType.LOCAL).features("VOICE"),
                InventoryNumber.of("18005550199", "US", NumberType.TOLL_FREE).features("VOICE").cost("1.20"),
                InventoryNumber.of("18885550142", "US", NumberType.TOLL_FREE).features("VOICE", "SMS").cost("1.20"),
                InventoryNumber.of("14165550188", "CA", NumberType.LOCAL).cost("0.90"),
                InventoryNumber.of("442079460321", "GB", NumberType.LOCAL).features("VOICE").cost("0.70"),
                InventoryNumber.of("447700900123", "GB", NumberType.MOBILE).features("VOICE", "SMS").cost("1.00"));
    }

    /** The application the account's number is linked to ({@code ""} when none); empty when it does not own it. */
    public Optional<String> application(String apiKey, String msisdn) {
        return ownedByAccount.getOrDefault(apiKey, List.of()).stream().filter(n -> n.msisdn().equals(msisdn))
                .findFirst().map(n -> appByNumber.getOrDefault(apiKey + "/" + msisdn, DEFAULT_APP));
    }

    /** Links the account's number to another application behind Switchboard's back (Vonage's dashboard would). */
    public void repoint(String apiKey, String msisdn, String appId) {
        appByNumber.put(apiKey + "/" + msisdn, appId);
    }

    /** Forgets accounts, numbers, faults, requests and violations: a fresh emulator on the same port. */
    public void reset() {
        forgetTraffic();
        appByNumber.clear();
        secretByKey.clear();
        inventory.clear();
        ownedByAccount.clear();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Seed data

    /**
     * A number on sale, as Vonage's search describes it.
     *
     * @param msisdn E.164 digits without {@code +}, as Vonage writes every number
     * @param type Vonage's spelling: {@code landline}, {@code mobile-lvn} or {@code landline-toll-free}
     * @param cost the monthly rental in euros, a decimal string
     * @param features {@code VOICE}, {@code SMS}, {@code MMS}
     */
    public record InventoryNumber(String msisdn, String country, String type, String cost, List<String> features) {

        public InventoryNumber {
            features = List.copyOf(features);
        }

        /** SMS and voice, 0.90 a month. */
        public static InventoryNumber of(String msisdn, String country, NumberType type) {
            return new InventoryNumber(msisdn, country, wireType(type), "0.90", List.of("SMS", "VOICE"));
        }

        public InventoryNumber features(String... wanted) {
            return new InventoryNumber(msisdn, country, type, cost, List.of(wanted));
        }

        public InventoryNumber cost(String monthly) {
            return new InventoryNumber(msisdn, country, type, monthly, features);
        }
    }

    /** A number an account owns, as Vonage's {@code /account/numbers} describes it. */
    public record OwnedNumber(String msisdn, String country, String type, List<String> features) {

        public OwnedNumber {
            features = List.copyOf(features);
        }

        /** SMS and voice. */
        public static OwnedNumber of(String msisdn, String country, NumberType type) {
            return new OwnedNumber(msisdn, country, wireType(type), List.of("SMS", "VOICE"));
        }

        public OwnedNumber features(String... wanted) {
            return new OwnedNumber(msisdn, country, type, List.of(wanted));
        }
    }

    /** One request as the emulator received it: method, path, decoded parameters, and the API key it used. */
    public record ReceivedRequest(String method, String path, Map<String, List<String>> parameters,
            @Nullable String apiKey, boolean basicAuth) {

        public Optional<String> parameter(String name) {
            List<String> values = parameters.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    static String wireType(NumberType type) {
        return switch (type) {
            case LOCAL -> "landline";
            case MOBILE -> "mobile-lvn";
            case TOLL_FREE -> "landline-toll-free";
            case NATIONAL -> throw new IllegalArgumentException("Vonage has no national numbers");
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Faults

    /** Vonage's faults: its two error bodies, nginx's HTML page, a broken search answer ({@link EmulatedFault}). */
    public static final class Fault {

        private Fault() {}

        /** The Numbers API's own error body: {@code {"error-code": "...", "error-code-label": "..."}}. */
        public static EmulatedFault vonageError(int status, String code, String label) {
            return vonageError(status, code, label, Map.of());
        }

        public static EmulatedFault vonageError(int status, String code, String label, Map<String, String> headers) {
            return new EmulatedFault.Respond(status, CONTENT_TYPE, legacyErrorBody(code, label), headers);
        }

        /**
         * The RFC 7807 body of Vonage's API gateway, e.g. {@code problem(429, "throttled", "Rate Limit Hit", "...")}
         * for {@code https://developer.nexmo.com/api-errors#throttled}.
         */
        public static EmulatedFault problem(int status, String type, String title, String detail, Map<String, String> headers) {
            return new EmulatedFault.Respond(status, "application/problem+json", problemBody(type, title, detail), headers);
        }

        /** An HTML error page, as nginx in front of Vonage answers a 502 or a 503. */
        public static EmulatedFault htmlPage(int status) {
            return new EmulatedFault.Respond(status, "text/html", "<html><head><title>" + status + " Bad Gateway</title></head>"
                    + "<body><center><h1>" + status + " Bad Gateway</h1></center><hr><center>nginx</center></body>"
                    + "</html>", Map.of());
        }

        /** A 200 whose JSON stops in the middle (a complete HTTP message, an incomplete document). */
        public static EmulatedFault malformedJson() {
            return new EmulatedFault.Respond(200, CONTENT_TYPE, "{\"count\": 3, \"numbers\": [{\"msisdn\": \"1415", Map.of());
        }
    }

    static String legacyErrorBody(String code, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error-code", code);
        body.put("error-code-label", label);
        return JSON.writeValueAsString(body);
    }

    static String problemBody(String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://developer.nexmo.com/api-errors#" + type);
        body.put("title", title);
        body.put("detail", detail);
        body.put("instance", UUID.randomUUID().toString());
        return JSON.writeValueAsString(body);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Serving

    private record Answer(int status, Map<String, String> headers, byte[] body) implements Reply {
        static Answer json(int status, Object body) {
            return new Answer(status, Map.of("Content-Type", CONTENT_TYPE), JSON.writeValueAsBytes(body));
        }

        static Answer raw(int status, String body) {
            return new Answer(status, Map.of("Content-Type", CONTENT_TYPE), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Map<String, List<String>> query = decodeForm(exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String body;
        try (var in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>(query);
        if (method.equals("POST") && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            decodeForm(body).forEach((name, values) -> parameters.computeIfAbsent(name, n -> new ArrayList<>())
                    .addAll(values));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        checking(() -> {
            String[] basic = basicAuthPair(authorization);
            received.add(new ReceivedRequest(method, path, parameters,
                    basic != null ? basic[0] : first(parameters, "api_key").orElse(null), basic != null));
            VonageWireConformance.checkRequest(method, path, query, authorization, contentType, body, violations);
        });
        answer(exchange, () -> answer(method, path, parameters, authorization),
                (status, type, text) -> VonageWireConformance.checkResponse(method, path, status, type, text,
                        violations));
    }

    @Override
    protected void addTraceHeaders(Headers headers) {
        headers.add("X-Nexmo-Trace-Id", HexFormat.of().formatHex(
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), 0, 16));
    }

    private Answer answer(String method, String path, Map<String, List<String>> parameters,
            @Nullable String authorization) {
        boolean known = switch (path) {
            case "/number/search", "/account/numbers" -> method.equals("GET");
            case "/number/buy", "/number/cancel", "/number/update" -> method.equals("POST");
            default -> false;
        };
        if (!known) {
            return Answer.raw(404, problemBody("not-found", "Not Found",
                    "The requested resource does not exist, or you do not have access to it"));
        }
        // Vonage authenticates before it looks at the parameters.
        String apiKey = authenticate(parameters, authorization);
        if (apiKey == null) {
            return Answer.raw(401, legacyErrorBody("401", "authentication failed"));
        }
        Optional<Answer> invalid = invalidParameter(path, parameters);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return switch (path) {
            case "/number/search" -> search(parameters);
            case "/account/numbers" -> listOwned(apiKey, parameters);
            case "/number/buy" -> buy(apiKey, parameters);
            case "/number/update" -> update(apiKey, parameters);
            default -> cancel(apiKey, parameters);
        };
    }

    /** The API key of valid credentials, from the basic header or the {@code api_key}/{@code api_secret} parameters. */
    private @Nullable String authenticate(Map<String, List<String>> parameters, @Nullable String authorization) {
        String[] basic = basicAuthPair(authorization);
        String key = basic != null ? basic[0] : first(parameters, "api_key").orElse(null);
        String secret = basic != null ? basic[1] : first(parameters, "api_secret").orElse(null);
        return key != null && secret != null && secret.equals(secretByKey.get(key)) ? key : null;
    }

    /** Vonage's 400 naming the parameter, as {@code {"country": "Is required."}}, for what it cannot take. */
    private static Optional<Answer> invalidParameter(String path, Map<String, List<String>> parameters) {
        boolean search = path.equals("/number/search");
        boolean list = search || path.equals("/account/numbers");
        List<String> required = list ? (search ? List.of("country") : List.of()) : List.of("country", "msisdn");
        for (String name : required) {
            if (first(parameters, name).filter(v -> !v.isBlank()).isEmpty()) {
                return Optional.of(Answer.json(400, Map.of(name, "Is required.")));
            }
        }
        Map<String, Predicate<String>> valid = new LinkedHashMap<>();
        valid.put("country", v -> v.matches("[A-Z]{2}"));
        valid.put("msisdn", v -> v.matches("[1-9]\\d{5,14}"));
        valid.put("type", TYPES::contains);
        valid.put("features", FEATURE_VALUES::contains);
        valid.put("pattern", v -> v.matches("\\d{1,15}"));
        valid.put("search_pattern", v -> v.matches("[012]"));
        valid.put("size", v -> v.matches("\\d{1,3}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 100);
        valid.put("index", v -> v.matches("\\d{1,6}") && Integer.parseInt(v) >= 1);
        for (var check : valid.entrySet()) {
            Optional<String> value = first(parameters, check.getKey());
            if (value.isPresent() && !check.getValue().test(value.get())) {
                return Optional.of(Answer.json(400, Map.of(check.getKey(), "Is invalid.")));
            }
        }
        return Optional.empty();
    }

    private Answer search(Map<String, List<String>> parameters) {
        String country = first(parameters, "country").orElseThrow();
        Predicate<InventoryNumber> matches = n -> n.country().equals(country);
        Optional<String> type = first(parameters, "type");
        if (type.isPresent()) {
            matches = matches.and(n -> n.type().equals(type.get()));
        }
        Optional<String> features = first(parameters, "features");
        if (features.isPresent()) {
            List<String> wanted = List.of(features.get().split(","));
            matches = matches.and(n -> n.features().containsAll(wanted));
        }
        matches = matches.and(pattern(parameters, InventoryNumber::msisdn));
        List<Map<String, Object>> found = inventory.stream().filter(matches).map(VonageEmulator::availableJson)
                .toList();
        return Answer.json(200, page(found, parameters));
    }

    private Answer listOwned(String apiKey, Map<String, List<String>> parameters) {
        Predicate<OwnedNumber> matches = n -> true;
        Optional<String> country = first(parameters, "country");
        if (country.isPresent()) {
            matches = matches.and(n -> n.country().equals(country.get()));
        }
        matches = matches.and(pattern(parameters, OwnedNumber::msisdn));
        List<Map<String, Object>> found = ownedByAccount.getOrDefault(apiKey, List.of()).stream().filter(matches)
                .map(n -> ownedJson(n, appByNumber.getOrDefault(apiKey + "/" + n.msisdn(), DEFAULT_APP))).toList();
        return Answer.json(200, page(found, parameters));
    }

    /** Buys a number on sale: it leaves the inventory and joins the account's numbers. */
    private synchronized Answer buy(String apiKey, Map<String, List<String>> parameters) {
        String country = first(parameters, "country").orElseThrow();
        String msisdn = first(parameters, "msisdn").orElseThrow();
        Optional<InventoryNumber> number = inventory.stream()
                .filter(n -> n.msisdn().equals(msisdn) && n.country().equals(country)).findFirst();
        if (number.isEmpty()) {
            // What Vonage answers for a number it does not (or no longer) offer, or one already bought.
            return Answer.raw(420, legacyErrorBody("420", "method failed"));
        }
        inventory.remove(number.get());
        ownedByAccount.computeIfAbsent(apiKey, a -> new CopyOnWriteArrayList<>())
                .add(new OwnedNumber(msisdn, country, number.get().type(), number.get().features()));
        return Answer.raw(200, legacyErrorBody("200", "success"));
    }

    /**
     * Updates a number the account owns: {@code app_id} links it to that application (voice and messages), and an
     * update without one unlinks it, as Vonage replaces a number's settings with what the update sends. Answers
     * {@code "200"}, or 420 for a number the account does not own or an {@code app_id} that is no application id.
     */
    private synchronized Answer update(String apiKey, Map<String, List<String>> parameters) {
        String country = first(parameters, "country").orElseThrow();
        String msisdn = first(parameters, "msisdn").orElseThrow();
        boolean owned = ownedByAccount.getOrDefault(apiKey, List.of()).stream()
                .anyMatch(n -> n.msisdn().equals(msisdn) && n.country().equals(country));
        Optional<String> app = first(parameters, "app_id");
        if (!owned || (app.isPresent() && !app.get().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))) {
            return Answer.raw(420, legacyErrorBody("420", "method failed"));
        }
        for (String name : parameters.keySet()) {
            if (!List.of("country", "msisdn", "app_id", "api_key", "api_secret").contains(name)) {
                violations.add("The emulator updates only app_id; the update sent " + name);
            }
        }
        appByNumber.put(apiKey + "/" + msisdn, app.orElse(""));
        return Answer.raw(200, legacyErrorBody("200", "success"));
    }

    /** Cancels a number the account owns; it goes back on sale. */
    private synchronized Answer cancel(String apiKey, Map<String, List<String>> parameters) {
        String country = first(parameters, "country").orElseThrow();
        String msisdn = first(parameters, "msisdn").orElseThrow();
        List<OwnedNumber> owned = ownedByAccount.getOrDefault(apiKey, List.of());
        Optional<OwnedNumber> number = owned.stream()
                .filter(n -> n.msisdn().equals(msisdn) && n.country().equals(country)).findFirst();
        if (number.isEmpty()) {
            return Answer.raw(420, legacyErrorBody("420", "method failed"));
        }
        owned.remove(number.get());
        appByNumber.remove(apiKey + "/" + msisdn);
        inventory.add(new InventoryNumber(msisdn, country, number.get().type(), "0.90", number.get().features()));
        return Answer.raw(200, legacyErrorBody("200", "success"));
    }

    /** {@code pattern} matched as {@code search_pattern} says (0, the default: starts with; 1: contains; 2: ends with). */
    private static <T> Predicate<T> pattern(Map<String, List<String>> parameters,
            java.util.function.Function<T, String> msisdn) {
        Optional<String> pattern = first(parameters, "pattern");
        if (pattern.isEmpty()) {
            return n -> true;
        }
        String how = first(parameters, "search_pattern").orElse("0");
        return switch (how) {
            case "1" -> n -> msisdn.apply(n).contains(pattern.get());
            case "2" -> n -> msisdn.apply(n).endsWith(pattern.get());
            default -> n -> msisdn.apply(n).startsWith(pattern.get());
        };
    }

    /** One page: {@code count} of all matches, {@code numbers} of this page; no {@code numbers} when none match. */
    private static Map<String, Object> page(List<Map<String, Object>> all, Map<String, List<String>> parameters) {
        int size = first(parameters, "size").map(Integer::parseInt).orElse(10);
        int index = first(parameters, "index").map(Integer::parseInt).orElse(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", all.size());
        if (!all.isEmpty()) {
            body.put("numbers", all.stream().skip((long) (index - 1) * size).limit(size).toList());
        }
        return body;
    }

    private static Map<String, Object> availableJson(InventoryNumber n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("country", n.country());
        json.put("msisdn", n.msisdn());
        json.put("type", n.type());
        json.put("cost", n.cost());
        json.put("features", n.features());
        return json;
    }

    private static Map<String, Object> ownedJson(OwnedNumber n, String app) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("country", n.country());
        json.put("msisdn", n.msisdn());
        json.put("type", n.type());
        json.put("features", n.features());
        if (!app.isEmpty()) {
            // Webhook settings as a number linked to an application has them (the SDK's ListNumbers fixture).
            json.put("messagesCallbackType", "app");
            json.put("messagesCallbackValue", app);
            json.put("voiceCallbackType", "app");
            json.put("voiceCallbackValue", app);
        }
        return json;
    }
}
