package dev.switchboard.telephony.twilio;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for Twilio's REST API v2010 phone-number resources, speaking Twilio's real wire format
 * (quirks included) over real HTTP on 127.0.0.1, so the adapter is tested through its HTTP client, its deadline
 * and its JSON reading exactly as it runs against {@code https://api.twilio.com}.
 *
 * <p>It serves {@code AvailablePhoneNumbers/{Country}.json}, {@code AvailablePhoneNumbers/{Country}/{Local|TollFree|
 * Mobile|National|...}.json} (with Twilio's search parameters applied to a seeded inventory) and {@code
 * IncomingPhoneNumbers[/Local|/Mobile|/TollFree].json} (with Twilio's paging, and its {@code PhoneNumber} filter);
 * it sells numbers (a POST of {@code PhoneNumber} to {@code IncomingPhoneNumbers.json} takes the number out of the
 * inventory and gives it to the account under a fresh {@code PN} SID, or answers Twilio's 400 with code 21422 when the
 * number is not on sale, 21421 when it is not a phone number) and releases them ({@code DELETE
 * IncomingPhoneNumbers/{Sid}.json}: 204, or Twilio's 404 for a SID the account does not own; a released number does
 * not go back on sale, as at Twilio, which holds released numbers back for months). It checks HTTP basic auth
 * against the accounts it knows, and answers errors with Twilio's error body. Every request it receives and every response it
 * sends is validated against Twilio's official OpenAPI document; {@link #conformanceViolations()} lists what failed
 * (tests assert it empty), except for responses replaced by an injected {@link Fault}.
 *
 * <p>Reusable by any test: {@link #start()}, point {@code switchboard.providers.twilio.base-url} at {@link
 * #baseUrl()}, {@link #registerAccount}, seed with {@link #addInventory}/{@link #addOwned} (or {@link
 * #withSampleInventory()}), {@link #inject} faults, {@link #close()}.
 */
public final class TwilioEmulator extends ProviderEmulator<TwilioEmulator.ReceivedRequest> {

    private static final String API = "/2010-04-01";
    private static final Pattern COUNTRY = Pattern.compile(API + "/Accounts/([^/]+)/AvailablePhoneNumbers/([^/]+)\\.json");
    private static final Pattern AVAILABLE =
            Pattern.compile(API + "/Accounts/([^/]+)/AvailablePhoneNumbers/([^/]+)/([A-Za-z]+)\\.json");
    private static final Pattern INCOMING =
            Pattern.compile(API + "/Accounts/([^/]+)/IncomingPhoneNumbers(?:/(Local|Mobile|TollFree))?\\.json");
    private static final Pattern INCOMING_ONE =
            Pattern.compile(API + "/Accounts/([^/]+)/IncomingPhoneNumbers/([^/]+)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> tokenByAccount = new ConcurrentHashMap<>();
    private final Map<String, Set<NumberType>> catalogue = new ConcurrentHashMap<>();
    private final List<InventoryNumber> inventory = new CopyOnWriteArrayList<>();
    private final Map<String, List<OwnedNumber>> ownedByAccount = new ConcurrentHashMap<>();

    private final AtomicInteger purchases = new AtomicInteger();
    /** Where each owned number (by SID) sends calls and messages, as its update set it; absent: nowhere. */
    private final Map<String, Routing> routingBySid = new ConcurrentHashMap<>();

    private TwilioEmulator() throws IOException {
        super("Twilio");
        TwilioWireConformance.validator(); // load and warm up the validator once, before any deadline runs
        defaultCatalogue();
    }

    /** Starts an emulator on a free port of 127.0.0.1, with no accounts and no numbers. */
    public static TwilioEmulator start() {
        try {
            return new TwilioEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets this account SID and auth token in; any other credentials get Twilio's 401. */
    public TwilioEmulator registerAccount(String accountSid, String authToken) {
        tokenByAccount.put(accountSid, authToken);
        return this;
    }

    /**
     * Says which number types Twilio sells in a country; the others answer 404 as Twilio does (by default the US
     * and Canada sell local and toll-free numbers, Great Britain local, mobile, national and toll-free).
     */
    public TwilioEmulator sells(String country, NumberType... types) {
        Set<NumberType> sold = ConcurrentHashMap.newKeySet();
        sold.addAll(List.of(types));
        catalogue.put(country, sold);
        return this;
    }

    /** Puts numbers on sale; their country and type join the catalogue. */
    public TwilioEmulator addInventory(InventoryNumber... numbers) {
        for (InventoryNumber number : numbers) {
            inventory.add(number);
            catalogue.computeIfAbsent(number.isoCountry(), c -> ConcurrentHashMap.newKeySet()).add(number.type());
        }
        return this;
    }

    /** Gives numbers to an account, listed in the order added (as Twilio lists by creation). */
    public TwilioEmulator addOwned(String accountSid, OwnedNumber... numbers) {
        ownedByAccount.computeIfAbsent(accountSid, a -> new CopyOnWriteArrayList<>()).addAll(List.of(numbers));
        return this;
    }

    /** A small, realistic inventory: US local (San Francisco, New York, Hilo), US toll-free, Toronto, London. */
    public TwilioEmulator withSampleInventory() {
        return addInventory(
                InventoryNumber.of("+14155550123", "US", NumberType.LOCAL)
                        .in("CA", "San Francisco", "94105").at("722", "SNFC CNTRL", "37.788800", "-122.399200"),
                InventoryNumber.of("+14155552255", "US", NumberType.LOCAL)
                        .in("CA", "San Francisco", "94107").at("722", "SNFC CNTRL", "37.769800", "-122.395200"),
                InventoryNumber.of("+12125550147", "US", NumberType.LOCAL)
                        .in("NY", "New York", "10001").at("132", "NWYRCYZN01", "40.750600", "-73.997200"),
                InventoryNumber.of("+18089251571", "US", NumberType.LOCAL)
                        .in("HI", "Hilo", "96720").at("834", "HILO", "19.720000", "-155.090000")
                        .capabilities(true, false, true, false),
                InventoryNumber.of("+18005550199", "US", NumberType.TOLL_FREE).capabilities(true, true, false, true),
                InventoryNumber.of("+18885550142", "US", NumberType.TOLL_FREE),
                InventoryNumber.of("+14165550188", "CA", NumberType.LOCAL)
                        .in("ON", "Toronto", "M5V").at("888", "TORONTO", "43.641900", "-79.386600"),
                InventoryNumber.of("+442079460321", "GB", NumberType.LOCAL)
                        .in(null, "London", null).addressRequirements("local").capabilities(true, false, false, false),
                InventoryNumber.of("+447700900123", "GB", NumberType.MOBILE)
                        .in(null, null, null).addressRequirements("any").capabilities(true, true, false, false));
    }

    /** How many requests of this method ({@code GET}, {@code POST}, {@code DELETE}) arrived, faulted ones included. */
    public int requestCount(String method) {
        return (int) received.stream().filter(r -> r.method().equals(method)).count();
    }

    /** The numbers on sale now, in the order added (a number bought is no longer among them). */
    public List<InventoryNumber> inventory() {
        return List.copyOf(inventory);
    }

    /** The numbers an account owns now, in the order it got them. */
    public List<OwnedNumber> owned(String accountSid) {
        return List.copyOf(ownedByAccount.getOrDefault(accountSid, List.of()));
    }

    /**
     * Where a number points: its {@code voice_url}, {@code voice_method} and {@code sms_url} as Twilio would answer
     * them ({@code null}/{@code ""} when unset).
     */
    public record Routing(@Nullable String voiceUrl, String voiceMethod, String smsUrl) {
        static final Routing NOWHERE = new Routing(null, "POST", "");
    }

    /** Where the account's number points now; empty when the account does not own it. */
    public Optional<Routing> routing(String accountSid, String phoneNumber) {
        return owned(accountSid).stream().filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst()
                .map(n -> routingBySid.getOrDefault(n.sid(), Routing.NOWHERE));
    }

    /** Points the account's number elsewhere behind Switchboard's back, as a user in Twilio's console would. */
    public void repoint(String accountSid, String phoneNumber, @Nullable String voiceUrl) {
        OwnedNumber number = owned(accountSid).stream().filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst()
                .orElseThrow();
        Routing now = routingBySid.getOrDefault(number.sid(), Routing.NOWHERE);
        routingBySid.put(number.sid(), new Routing(voiceUrl, now.voiceMethod(), now.smsUrl()));
    }

    /** Releases the account's number behind Switchboard's back, as a user in Twilio's console would. */
    public void releaseBehindSwitchboard(String accountSid, String phoneNumber) {
        List<OwnedNumber> owned = ownedByAccount.getOrDefault(accountSid, List.of());
        owned.stream().filter(n -> n.phoneNumber().equals(phoneNumber)).findFirst().ifPresent(n -> {
            owned.remove(n);
            routingBySid.remove(n.sid());
        });
    }

    /** Forgets accounts, numbers, faults, requests and violations: a fresh emulator on the same port. */
    public void reset() {
        forgetTraffic();
        routingBySid.clear();
        tokenByAccount.clear();
        inventory.clear();
        ownedByAccount.clear();
        catalogue.clear();
        defaultCatalogue();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Seed data

    /**
     * A number on sale, as Twilio describes it. Place fields (region, postal code, LATA, rate center, coordinates)
     * exist for US and Canadian numbers only, as at Twilio.
     */
    public record InventoryNumber(
            String phoneNumber, String isoCountry, NumberType type,
            @Nullable String region, @Nullable String locality, @Nullable String postalCode,
            @Nullable String lata, @Nullable String rateCenter, @Nullable String latitude, @Nullable String longitude,
            String addressRequirements, boolean voice, boolean sms, boolean mms, boolean fax, boolean beta) {

        /** Voice, SMS and MMS, no address needed, not in beta. */
        public static InventoryNumber of(String e164, String country, NumberType type) {
            return new InventoryNumber(e164, country, type, null, null, null, null, null, null, null, "none",
                    true, true, true, false, false);
        }

        public InventoryNumber in(@Nullable String region, @Nullable String locality, @Nullable String postalCode) {
            return new InventoryNumber(phoneNumber, isoCountry, type, region, locality, postalCode, lata, rateCenter,
                    latitude, longitude, addressRequirements, voice, sms, mms, fax, beta);
        }

        public InventoryNumber at(String lata, String rateCenter, String latitude, String longitude) {
            return new InventoryNumber(phoneNumber, isoCountry, type, region, locality, postalCode, lata, rateCenter,
                    latitude, longitude, addressRequirements, voice, sms, mms, fax, beta);
        }

        public InventoryNumber capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {
            return new InventoryNumber(phoneNumber, isoCountry, type, region, locality, postalCode, lata, rateCenter,
                    latitude, longitude, addressRequirements, voice, sms, mms, fax, beta);
        }

        /** {@code none}, {@code any}, {@code local} or {@code foreign}. */
        public InventoryNumber addressRequirements(String requirement) {
            return new InventoryNumber(phoneNumber, isoCountry, type, region, locality, postalCode, lata, rateCenter,
                    latitude, longitude, requirement, voice, sms, mms, fax, beta);
        }

        public InventoryNumber beta(boolean newToTwilio) {
            return new InventoryNumber(phoneNumber, isoCountry, type, region, locality, postalCode, lata, rateCenter,
                    latitude, longitude, addressRequirements, voice, sms, mms, fax, newToTwilio);
        }
    }

    /** A number an account owns, as Twilio's IncomingPhoneNumber describes it. */
    public record OwnedNumber(
            String sid, String phoneNumber, NumberType type, String friendlyName,
            boolean voice, boolean sms, boolean mms, boolean fax, String addressRequirements, Instant dateCreated) {

        /** Voice, SMS and MMS, no address needed, with a SID derived from the number (so tests can predict it). */
        public static OwnedNumber of(String e164, NumberType type) {
            return new OwnedNumber(sidFor("PN", e164), e164, type, TwilioEmulator.friendlyName(e164), true, true, true, false, "none",
                    Instant.parse("2024-03-01T12:00:00Z"));
        }

        public OwnedNumber capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {
            return new OwnedNumber(sid, phoneNumber, type, friendlyName, voice, sms, mms, fax, addressRequirements,
                    dateCreated);
        }

        public OwnedNumber addressRequirements(String requirement) {
            return new OwnedNumber(sid, phoneNumber, type, friendlyName, voice, sms, mms, fax, requirement,
                    dateCreated);
        }
    }

    /**
     * One request as the emulator received it: path, decoded query and form body ({@code application/x-www-form-
     * urlencoded}, as Twilio takes every POST), and the account it authenticated as.
     */
    public record ReceivedRequest(String method, String path, Map<String, List<String>> query,
            Map<String, List<String>> form, @Nullable String basicAuthUser) {

        public Optional<String> parameter(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }
    }

    /** A deterministic Twilio-style SID: two letters and 32 hex digits derived from a seed. */
    public static String sidFor(String prefix, String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Faults

    /** Twilio's faults: its error body, its load balancer's HTML page, a broken search answer ({@link EmulatedFault}). */
    public static final class Fault {

        private Fault() {}

        /** Twilio's own error body: {@code {"code", "message", "more_info", "status"}}. */
        public static EmulatedFault twilioError(int status, int code, String message) {
            return twilioError(status, code, message, Map.of());
        }

        public static EmulatedFault twilioError(int status, int code, String message, Map<String, String> headers) {
            return new EmulatedFault.Respond(status, "application/json; charset=utf-8", errorBody(status, code, message), headers);
        }

        /** An HTML error page, as a load balancer in front of Twilio answers a 502 or a 503. */
        public static EmulatedFault htmlPage(int status) {
            return new EmulatedFault.Respond(status, "text/html", "<html><head><title>" + status + "</title></head><body><h1>"
                    + status + " Service Temporarily Unavailable</h1></body></html>", Map.of());
        }

        /** A 200 whose JSON stops in the middle (a complete HTTP message, an incomplete document). */
        public static EmulatedFault malformedJson() {
            return new EmulatedFault.Respond(200, "application/json; charset=utf-8",
                    "{\"available_phone_numbers\": [{\"phone_number\": \"+1415", Map.of());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Serving

    private record Answer(int status, Map<String, String> headers, byte[] body) implements Reply {
        static Answer json(int status, Object body) {
            return new Answer(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                    JSON.writeValueAsBytes(body));
        }
    }

    @Override
    protected void serve(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> query = decodeForm(rawQuery);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String body;
        try (var in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                ? decodeForm(body) : Map.of();
        checking(() -> {
            received.add(new ReceivedRequest(method, path, query, form, basicAuthUser(authorization)));
            TwilioWireConformance.checkRequest(method, path, query, authorization, contentType, body, violations);
        });
        answer(exchange, () -> answer(method, path, rawQuery, query, form, authorization),
                (status, type, text) -> TwilioWireConformance.checkResponse(method, path, status, type, text,
                        violations));
    }

    @Override
    protected void addTraceHeaders(Headers headers) {
        headers.add("Twilio-Request-Id", sidFor("RQ", Long.toString(System.nanoTime())));
    }

    private Answer answer(String method, String path, @Nullable String rawQuery, Map<String, List<String>> query,
            Map<String, List<String>> form, @Nullable String authorization) {
        Matcher list = INCOMING.matcher(path);
        boolean buying = method.equals("POST") && list.matches() && list.group(2) == null;
        boolean releasing = method.equals("DELETE") && !INCOMING.matcher(path).matches()
                && INCOMING_ONE.matcher(path).matches();
        boolean updating = method.equals("POST") && !INCOMING.matcher(path).matches()
                && INCOMING_ONE.matcher(path).matches();
        if (!method.equals("GET") && !buying && !releasing && !updating) {
            return Answer.json(405, errorBodyMap(405, 20004, "Method not allowed"));
        }
        // Twilio authenticates before it looks at the path.
        String user = basicAuthUser(authorization);
        String password = basicAuthPassword(authorization);
        if (user == null || password == null || !password.equals(tokenByAccount.get(user))) {
            return unauthenticated();
        }
        String requestUri = path + (rawQuery == null ? "" : "?" + rawQuery);
        Matcher available = AVAILABLE.matcher(path);
        if (available.matches()) {
            if (!user.equals(decode(available.group(1)))) {
                return unauthenticated();
            }
            return searchInventory(decode(available.group(2)), available.group(3), requestUri, query);
        }
        Matcher country = COUNTRY.matcher(path);
        if (country.matches()) {
            if (!user.equals(decode(country.group(1)))) {
                return unauthenticated();
            }
            return countryResource(user, decode(country.group(2)), path);
        }
        Matcher incoming = INCOMING.matcher(path);
        if (incoming.matches()) {
            if (!user.equals(decode(incoming.group(1)))) {
                return unauthenticated();
            }
            return buying ? buy(user, form) : listOwned(user, incoming.group(2), path, query);
        }
        Matcher one = INCOMING_ONE.matcher(path);
        if (one.matches()) {
            if (!user.equals(decode(one.group(1)))) {
                return unauthenticated();
            }
            String sid = decode(one.group(2));
            if (releasing) {
                return release(user, sid, path);
            }
            return updating ? update(user, sid, form, path) : fetch(user, sid, path);
        }
        return notFound(path);
    }

    /**
     * Twilio's purchase: the number leaves the inventory (atomically, so of two buyers one gets 21422) and joins the
     * account under a fresh SID; the answer is the new IncomingPhoneNumber, 201.
     */
    private Answer buy(String accountSid, Map<String, List<String>> form) {
        Optional<String> wanted = first(form, "PhoneNumber");
        if (wanted.isEmpty()) {
            // Buying by AreaCode alone is not emulated: a test relying on it would pass for the wrong reason.
            violations.add("The emulator sells only by PhoneNumber; the POST named none: " + form);
            return Answer.json(400, errorBodyMap(400, 21421, "PhoneNumber is required."));
        }
        String phoneNumber = wanted.get();
        if (!E164.matcher(phoneNumber).matches()) {
            return Answer.json(400, errorBodyMap(400, 21421, "PhoneNumber is invalid"));
        }
        Optional<InventoryNumber> onSale = inventory.stream().filter(n -> n.phoneNumber().equals(phoneNumber))
                .findFirst();
        if (onSale.isEmpty() || !inventory.remove(onSale.get())) {
            return Answer.json(400, errorBodyMap(400, 21422, "PhoneNumber " + phoneNumber + " is not available."));
        }
        InventoryNumber sold = onSale.get();
        OwnedNumber owned = new OwnedNumber(
                sidFor("PN", phoneNumber + " bought #" + purchases.incrementAndGet() + " at " + System.nanoTime()),
                phoneNumber, sold.type(), friendlyName(phoneNumber), sold.voice(), sold.sms(), sold.mms(), sold.fax(),
                sold.addressRequirements(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ownedByAccount.computeIfAbsent(accountSid, a -> new CopyOnWriteArrayList<>()).add(owned);
        return Answer.json(201, incomingJson(accountSid, owned, true));
    }

    /** Twilio's fetch of one IncomingPhoneNumber: 200 with it, or its 404 for a SID the account does not own. */
    private Answer fetch(String accountSid, String sid, String path) {
        return ownedBySid(accountSid, sid).map(n -> Answer.json(200, incomingJson(accountSid, n, true)))
                .orElseGet(() -> notFound(path));
    }

    /**
     * Twilio's update of one IncomingPhoneNumber: the parameters sent replace the number's, the rest stay; an
     * empty value clears a URL. A URL that is not http(s) is refused as Twilio refuses it (21402 / 21403 are the
     * codes of an invalid VoiceUrl / SmsUrl). Answers the updated number, 200.
     */
    private Answer update(String accountSid, String sid, Map<String, List<String>> form, String path) {
        Optional<OwnedNumber> number = ownedBySid(accountSid, sid);
        if (number.isEmpty()) {
            return notFound(path);
        }
        for (String ignored : form.keySet()) {
            if (!List.of("VoiceUrl", "VoiceMethod", "SmsUrl", "SmsMethod").contains(ignored)) {
                violations.add("The emulator updates only VoiceUrl, VoiceMethod, SmsUrl and SmsMethod; the POST sent "
                        + ignored);
            }
        }
        Routing now = routingBySid.getOrDefault(sid, Routing.NOWHERE);
        String voiceUrl = first(form, "VoiceUrl").orElse(now.voiceUrl());
        String smsUrl = first(form, "SmsUrl").orElse(now.smsUrl());
        if (voiceUrl != null && !voiceUrl.isEmpty() && !voiceUrl.matches("https?://.+")) {
            return Answer.json(400, errorBodyMap(400, 21402, "VoiceUrl is not valid: " + voiceUrl));
        }
        if (!smsUrl.isEmpty() && !smsUrl.matches("https?://.+")) {
            return Answer.json(400, errorBodyMap(400, 21403, "SmsUrl is not valid: " + smsUrl));
        }
        routingBySid.put(sid, new Routing(voiceUrl == null || voiceUrl.isEmpty() ? null : voiceUrl,
                first(form, "VoiceMethod").orElse(now.voiceMethod()), smsUrl));
        return Answer.json(200, incomingJson(accountSid, number.get(), true));
    }

    private Optional<OwnedNumber> ownedBySid(String accountSid, String sid) {
        return ownedByAccount.getOrDefault(accountSid, List.of()).stream().filter(n -> n.sid().equals(sid)).findFirst();
    }

    /** Twilio's release: 204 with no body, or its 404 for a SID that is not (or no longer) the account's. */
    private Answer release(String accountSid, String sid, String path) {
        List<OwnedNumber> owned = ownedByAccount.getOrDefault(accountSid, List.of());
        Optional<OwnedNumber> number = owned.stream().filter(n -> n.sid().equals(sid)).findFirst();
        if (number.isEmpty() || !owned.remove(number.get())) {
            return notFound(path);
        }
        routingBySid.remove(sid);
        return new Answer(204, Map.of(), new byte[0]);
    }

    private Answer searchInventory(String country, String resource, String requestUri, Map<String, List<String>> query) {
        Optional<NumberType> type = typeOfResource(resource);
        if (type.isEmpty() || !catalogue.getOrDefault(country, Set.of()).contains(type.get())) {
            return notFound(requestUri.replaceFirst("\\?.*", ""));
        }
        for (String unemulated : List.of("NearNumber", "NearLatLong", "Distance")) {
            if (query.containsKey(unemulated)) {
                violations.add("The emulator does not emulate " + unemulated + "; a test relying on it would "
                        + "pass for the wrong reason");
            }
        }
        boolean usOrCanada = country.equals("US") || country.equals("CA");
        Predicate<InventoryNumber> matches = n -> n.isoCountry().equals(country) && n.type() == type.get();
        Optional<String> areaCode = first(query, "AreaCode");
        // "Applies to only phone numbers in the US and Canada": elsewhere Twilio does not filter by it.
        if (areaCode.isPresent() && usOrCanada) {
            matches = matches.and(n -> n.phoneNumber().startsWith("+1" + areaCode.get()));
        }
        Optional<String> contains = first(query, "Contains");
        if (contains.isPresent()) {
            Optional<Pattern> pattern = containsPattern(contains.get());
            if (pattern.isEmpty()) {
                return Answer.json(400, errorBodyMap(400, 400, "Invalid Contains: " + contains.get()));
            }
            matches = matches.and(n -> pattern.get().matcher(n.phoneNumber().substring(1)).find());
        }
        matches = matches.and(flag(query, "VoiceEnabled", InventoryNumber::voice))
                .and(flag(query, "SmsEnabled", InventoryNumber::sms))
                .and(flag(query, "MmsEnabled", InventoryNumber::mms))
                .and(flag(query, "FaxEnabled", InventoryNumber::fax));
        // Read narrowly, each flag excluding only its own kind of address, so that only an adapter sending all
        // three is sure to leave out every number needing an address.
        if (isTrue(query, "ExcludeAllAddressRequired")) {
            matches = matches.and(n -> !n.addressRequirements().equals("any"));
        }
        if (isTrue(query, "ExcludeLocalAddressRequired")) {
            matches = matches.and(n -> !n.addressRequirements().equals("local"));
        }
        if (isTrue(query, "ExcludeForeignAddressRequired")) {
            matches = matches.and(n -> !n.addressRequirements().equals("foreign"));
        }
        if (first(query, "Beta").map("false"::equalsIgnoreCase).orElse(false)) {
            matches = matches.and(n -> !n.beta());
        }
        if (usOrCanada) {
            matches = matches.and(place(query, "InRegion", InventoryNumber::region))
                    .and(place(query, "InPostalCode", InventoryNumber::postalCode))
                    .and(place(query, "InLata", InventoryNumber::lata))
                    .and(place(query, "InRateCenter", InventoryNumber::rateCenter));
        }
        matches = matches.and(place(query, "InLocality", InventoryNumber::locality));
        int pageSize = first(query, "PageSize").map(Integer::parseInt).orElse(50);

        List<Map<String, Object>> found = inventory.stream().filter(matches).limit(pageSize)
                .map(TwilioEmulator::availableJson).toList();
        // As Twilio answers this resource (see the document's readFull example): no paging fields, just these.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("available_phone_numbers", found);
        body.put("uri", requestUri);
        return Answer.json(200, body);
    }

    private Answer countryResource(String accountSid, String country, String path) {
        Set<NumberType> types = catalogue.get(country);
        if (types == null || types.isEmpty()) {
            return notFound(path);
        }
        Map<String, String> subresources = new LinkedHashMap<>();
        for (NumberType type : types) {
            subresources.put(type.wireName(), API + "/Accounts/" + accountSid + "/AvailablePhoneNumbers/" + country
                    + "/" + resourceOf(type) + ".json");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("beta", false);
        body.put("country", Locale.of("", country).getDisplayCountry(Locale.US));
        body.put("country_code", country);
        body.put("subresource_uris", subresources);
        body.put("uri", path);
        return Answer.json(200, body);
    }

    private Answer listOwned(String accountSid, @Nullable String resource, String path, Map<String, List<String>> query) {
        Predicate<OwnedNumber> matches = n -> resource == null || resourceOf(n.type()).equals(resource);
        Optional<String> phoneNumber = first(query, "PhoneNumber");
        if (phoneNumber.isPresent()) {
            // "You can specify partial numbers and use '*' as a wildcard for any digit."
            Pattern partial = Pattern.compile(Pattern.quote(phoneNumber.get()).replace("*", "\\E\\d\\Q"));
            matches = matches.and(n -> partial.matcher(n.phoneNumber()).find());
        }
        Optional<String> friendlyName = first(query, "FriendlyName");
        if (friendlyName.isPresent()) {
            matches = matches.and(n -> n.friendlyName().equals(friendlyName.get()));
        }
        List<OwnedNumber> all = ownedByAccount.getOrDefault(accountSid, List.of()).stream().filter(matches).toList();

        int pageSize = first(query, "PageSize").map(Integer::parseInt).orElse(50);
        int page = first(query, "Page").map(Integer::parseInt).orElse(0);
        int start = first(query, "PageToken").filter(t -> t.startsWith("PT")).map(t -> Integer.parseInt(t.substring(2)))
                .orElse(page * pageSize);
        List<Map<String, Object>> items = all.stream().skip(start).limit(pageSize)
                .map(n -> incomingJson(accountSid, n, resource == null)).toList();

        Map<String, List<String>> filters = new LinkedHashMap<>(query);
        filters.keySet().removeAll(List.of("PageSize", "Page", "PageToken"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("end", items.isEmpty() ? start : start + items.size() - 1);
        body.put("first_page_uri", pageUri(path, filters, pageSize, 0, null));
        body.put("incoming_phone_numbers", items);
        body.put("next_page_uri", start + pageSize < all.size()
                ? pageUri(path, filters, pageSize, page + 1, "PT" + (start + pageSize)) : null);
        body.put("page", page);
        body.put("page_size", pageSize);
        body.put("previous_page_uri", page > 0
                ? pageUri(path, filters, pageSize, page - 1, "PT" + Math.max(0, start - pageSize)) : null);
        body.put("start", start);
        body.put("uri", pageUri(path, filters, pageSize, page, start == 0 ? null : "PT" + start));
        return Answer.json(200, body);
    }

    private static Map<String, Object> availableJson(InventoryNumber n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address_requirements", n.addressRequirements());
        json.put("beta", n.beta());
        // Twilio's live spelling on this resource: "MMS"/"SMS" upper-case, "voice"/"fax" lower-case
        // (twilio-java PhoneNumberCapabilities; a live answer quoted in twilio-php issue #783).
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("MMS", n.mms());
        capabilities.put("SMS", n.sms());
        capabilities.put("voice", n.voice());
        capabilities.put("fax", n.fax());
        json.put("capabilities", capabilities);
        json.put("friendly_name", friendlyName(n.phoneNumber()));
        json.put("iso_country", n.isoCountry());
        json.put("lata", n.lata());
        json.put("latitude", n.latitude()); // a string, as Twilio sends it
        json.put("locality", n.locality());
        json.put("longitude", n.longitude());
        json.put("phone_number", n.phoneNumber());
        json.put("postal_code", n.postalCode());
        json.put("rate_center", n.rateCenter());
        json.put("region", n.region());
        return json;
    }

    private Map<String, Object> incomingJson(String accountSid, OwnedNumber n, boolean wholeList) {
        String date = RFC_2822.format(n.dateCreated());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", accountSid);
        json.put("address_requirements", n.addressRequirements());
        json.put("address_sid", null);
        json.put("api_version", "2010-04-01");
        json.put("beta", false);
        // Lower-case here, unlike AvailablePhoneNumbers (see twilio-php pull request #731 for a live answer).
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("voice", n.voice());
        capabilities.put("sms", n.sms());
        capabilities.put("mms", n.mms());
        capabilities.put("fax", n.fax());
        json.put("capabilities", capabilities);
        json.put("date_created", date);
        json.put("date_updated", date);
        json.put("emergency_status", "Inactive");
        json.put("emergency_address_sid", null);
        json.put("emergency_address_status", "unregistered");
        json.put("friendly_name", n.friendlyName());
        json.put("identity_sid", null);
        json.put("origin", "twilio");
        json.put("phone_number", n.phoneNumber());
        json.put("sid", n.sid());
        json.put("sms_application_sid", ""); // Twilio sends "" for an unset application, not null
        json.put("sms_fallback_method", "POST");
        json.put("sms_fallback_url", "");
        Routing routing = routingBySid.getOrDefault(n.sid(), Routing.NOWHERE);
        json.put("sms_method", "POST");
        json.put("sms_url", routing.smsUrl());
        json.put("status_callback", "");
        json.put("status_callback_method", "POST");
        json.put("trunk_sid", null);
        json.put("uri", API + "/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + n.sid() + ".json");
        json.put("voice_application_sid", "");
        json.put("voice_caller_id_lookup", false);
        json.put("voice_fallback_method", "POST");
        json.put("voice_fallback_url", null);
        json.put("voice_method", routing.voiceMethod());
        json.put("voice_url", routing.voiceUrl());
        json.put("bundle_sid", null);
        json.put("voice_receive_mode", "voice");
        json.put("status", "in-use");
        if (wholeList) {
            // Only the whole list says the type; the Local, Mobile and TollFree lists' schemas have no "type".
            json.put("type", n.type() == NumberType.TOLL_FREE ? "tollfree" : n.type().wireName());
        }
        return json;
    }

    /**
     * Twilio's {@code Contains} as a regular expression over the E.164 digits, or empty when Twilio would refuse
     * the pattern: 2 to 16 characters of digits, letters and the meta-characters; {@code +} only first and
     * {@code $} only last, neither next to another meta-character; {@code *} (one character) and {@code %} (any
     * run) only at the ends; at least two characters that are not meta-characters. Letters stand for their
     * keypad digits ({@code STORM} is 78676).
     */
    static Optional<Pattern> containsPattern(String contains) {
        if (contains.length() < 2 || contains.length() > 16 || !contains.matches("[0-9A-Za-z*%+$]+")) {
            return Optional.empty();
        }
        boolean anchoredStart = contains.startsWith("+");
        boolean anchoredEnd = contains.endsWith("$");
        String body = contains.substring(anchoredStart ? 1 : 0, contains.length() - (anchoredEnd ? 1 : 0));
        Matcher parts = Pattern.compile("([*%]*)([0-9A-Za-z]+)([*%]*)").matcher(body);
        if (!parts.matches() || parts.group(2).length() < 2
                || (anchoredStart && !parts.group(1).isEmpty()) || (anchoredEnd && !parts.group(3).isEmpty())) {
            return Optional.empty();
        }
        StringBuilder regex = new StringBuilder(anchoredStart ? "^" : "");
        wildcards(parts.group(1), regex);
        for (char c : parts.group(2).toCharArray()) {
            regex.append(keypadDigit(c));
        }
        wildcards(parts.group(3), regex);
        return Optional.of(Pattern.compile(regex.append(anchoredEnd ? "$" : "").toString()));
    }

    private static void wildcards(String metas, StringBuilder regex) {
        for (char c : metas.toCharArray()) {
            regex.append(c == '*' ? "\\d" : "\\d*");
        }
    }

    private static char keypadDigit(char c) {
        if (Character.isDigit(c)) {
            return c;
        }
        String keypad = "22233344455566677778889999";
        return keypad.charAt(Character.toUpperCase(c) - 'A');
    }

    // ------------------------------------------------------------------------------------------------------------
    // Twilio's errors

    private Answer unauthenticated() {
        Answer answer = Answer.json(401, errorBodyMap(401, 20003, "Authenticate"));
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        return new Answer(401, headers, answer.body());
    }

    private static Answer notFound(String path) {
        return Answer.json(404, errorBodyMap(404, 20404, "The requested resource " + path + " was not found"));
    }

    static String errorBody(int status, int code, String message) {
        return JSON.writeValueAsString(errorBodyMap(status, code, message));
    }

    private static Map<String, Object> errorBodyMap(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return body;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Plumbing

    private void defaultCatalogue() {
        sells("US", NumberType.LOCAL, NumberType.TOLL_FREE);
        sells("CA", NumberType.LOCAL, NumberType.TOLL_FREE);
        sells("GB", NumberType.LOCAL, NumberType.MOBILE, NumberType.NATIONAL, NumberType.TOLL_FREE);
    }

    private static Optional<NumberType> typeOfResource(String resource) {
        return switch (resource) {
            case "Local" -> Optional.of(NumberType.LOCAL);
            case "TollFree" -> Optional.of(NumberType.TOLL_FREE);
            case "Mobile" -> Optional.of(NumberType.MOBILE);
            case "National" -> Optional.of(NumberType.NATIONAL);
            default -> Optional.empty(); // SharedCost, Voip, MachineToMachine: not sold here
        };
    }

    private static String resourceOf(NumberType type) {
        return switch (type) {
            case LOCAL -> "Local";
            case TOLL_FREE -> "TollFree";
            case MOBILE -> "Mobile";
            case NATIONAL -> "National";
        };
    }

    private static String friendlyName(String e164) {
        if (e164.startsWith("+1") && e164.length() == 12) {
            return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
        }
        return e164;
    }

    private static Predicate<InventoryNumber> flag(Map<String, List<String>> query, String parameter,
            Predicate<InventoryNumber> capability) {
        return isTrue(query, parameter) ? capability : n -> true;
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

    private static String pageUri(String path, Map<String, List<String>> filters, int pageSize, int page,
            @Nullable String pageToken) {
        StringBuilder uri = new StringBuilder(path).append('?');
        filters.forEach((name, values) -> values.forEach(value -> uri.append(encode(name)).append('=')
                .append(encode(value)).append('&')));
        uri.append("PageSize=").append(pageSize).append("&Page=").append(page);
        if (pageToken != null) {
            uri.append("&PageToken=").append(pageToken);
        }
        return uri.toString();
    }

    private static String decode(String pathSegment) {
        return URLDecoder.decode(pathSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static @Nullable String basicAuthUser(@Nullable String authorization) {
        String[] pair = basicAuthPair(authorization);
        return pair == null ? null : pair[0];
    }

    private static @Nullable String basicAuthPassword(@Nullable String authorization) {
        String[] pair = basicAuthPair(authorization);
        return pair == null ? null : pair[1];
    }
}
