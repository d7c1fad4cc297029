package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderName;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The Twilio adapter: lists the numbers on sale to a Twilio account (AvailablePhoneNumbers) and the numbers it
 * owns (IncomingPhoneNumbers), buys numbers (a POST to IncomingPhoneNumbers), finds one owned number and releases
 * one (a DELETE of its IncomingPhoneNumber) through Twilio's REST API v2010, with the account's own credentials on
 * each call.
 */
@Component
public class TwilioAdapter implements TelephonyAdapter, AutoCloseable {

    private static final TelephonyProviderName TWILIO = TelephonyProviderName.TWILIO;
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Set<String> ADDRESS_REQUIREMENTS = Set.of("none", "any", "local", "foreign");
    private static final Pattern PHONE_NUMBER_SID = Pattern.compile("PN[0-9a-fA-F]{32}");
    private static final Set<String> NANP_TOLL_FREE = Set.of("800", "833", "844", "855", "866", "877", "888");

    /**
     * Twilio's error codes for a number it will not sell: 21422 "PhoneNumber is not available" (taken, or never
     * on sale: its magic test number +15005550000 answers it), 21421 "PhoneNumber is invalid" (no such number, its
     * magic +15005550001), 21452 "No phone numbers found in area code" (nothing to sell there).
     */
    static final Set<Integer> NOT_ON_SALE_CODES = Set.of(21421, 21422, 21452);

    private final TwilioApi api;

    @Autowired
    public TwilioAdapter(ProvidersProperties properties) {
        this(properties, Clock.systemUTC());
    }

    TwilioAdapter(ProvidersProperties properties, Clock clock) {
        this.api = new TwilioApi(properties.twilio().baseUrl(), properties.timeout(), clock);
    }

    @Override
    public TelephonyProviderName name() {
        return TWILIO;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        return search(account, search, true, deadline);
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        return search(account, search, false, deadline);
    }

    /**
     * POSTs {@code PhoneNumber} to the account's IncomingPhoneNumbers, once: a purchase is never retried here,
     * since a POST that timed out may still have bought the number (the caller repairs with {@link #findOwned}).
     */
    @Override
    public AvailableNumber buy(ProviderAccount account, String phoneNumber, Deadline deadline) {
        ProviderCredentials.Twilio credentials = credentials(account);
        TwilioRequest request = TwilioRequest.underAccount(credentials.accountSid(),
                List.of("IncomingPhoneNumbers.json"), new LinkedHashMap<>(), Map.of());
        String form = "PhoneNumber=" + URLEncoder.encode(phoneNumber, StandardCharsets.UTF_8);
        TwilioApi.Reply reply = api.call(credentials, "POST", request, form, deadline);
        if (reply.succeeded()) {
            TwilioWire.IncomingPhoneNumber bought = TwilioApi.read(reply.body(), TwilioWire.IncomingPhoneNumber.class);
            return owned(bought).orElseThrow(() -> new ProviderFault.Unavailable(TWILIO, null,
                    "Twilio answered the purchase of " + phoneNumber + " without the number bought", null));
        }
        Integer code = reply.error().code();
        if (code != null && NOT_ON_SALE_CODES.contains(code)) {
            throw new ProviderFault.NumberNotOnSale(TWILIO, phoneNumber);
        }
        throw new ProviderFault.RejectedRequest(TWILIO, null, reply.code(), "Twilio refused to sell " + phoneNumber
                + (reply.quotedMessage() == null ? "" : ": " + reply.quotedMessage())
                + TwilioApi.withCode(reply.code()));
    }

    /**
     * GETs the account's IncomingPhoneNumbers filtered by {@code PhoneNumber}, which Twilio matches as a partial
     * number, so only an exact match counts.
     */
    @Override
    public Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber,
            Deadline deadline) {
        return findOwned(credentials(account), phoneNumber, deadline);
    }

    /**
     * DELETEs the IncomingPhoneNumber by its SID, looked up first when not given (or not a {@code PN} SID). Twilio's
     * 404 means the number is no longer the account's: released already, which is success.
     */
    @Override
    public void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            Deadline deadline) {
        ProviderCredentials.Twilio credentials = credentials(account);
        String sid = providerNumberId;
        if (sid == null || !PHONE_NUMBER_SID.matcher(sid).matches()) {
            Optional<AvailableNumber> owned = findOwned(credentials, phoneNumber, deadline);
            if (owned.isEmpty() || owned.get().providerNumberId() == null) {
                return; // not the account's: nothing to release
            }
            sid = owned.get().providerNumberId();
        }
        TwilioRequest request = TwilioRequest.underAccount(credentials.accountSid(),
                List.of("IncomingPhoneNumbers", sid + ".json"), new LinkedHashMap<>(), Map.of());
        TwilioApi.Reply reply = api.call(credentials, "DELETE", request, null, deadline);
        if (reply.succeeded()) {
            requireEmptyOrJson(reply.body(), phoneNumber);
            return;
        }
        if (reply.status() == 404) {
            return;
        }
        throw new ProviderFault.RejectedRequest(TWILIO, null, reply.code(), "Twilio refused to release "
                + phoneNumber + (reply.quotedMessage() == null ? "" : ": " + reply.quotedMessage())
                + TwilioApi.withCode(reply.code()));
    }

    /**
     * POSTs {@code VoiceUrl} (with {@code VoiceMethod=POST}) and {@code SmsUrl} to the number's IncomingPhoneNumber,
     * as twilio-java's {@code IncomingPhoneNumberUpdater} sends them; an empty value clears the URL. Twilio's 404:
     * the account does not own the number.
     */
    @Override
    public void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            RoutingTarget target, Deadline deadline) {
        ProviderCredentials.Twilio credentials = credentials(account);
        if (target.voiceUrl() == null && target.smsUrl() == null) {
            return; // nothing Twilio routes by is set (an application id is Telnyx's and Vonage's)
        }
        String sid = sidOf(credentials, phoneNumber, providerNumberId, deadline)
                .orElseThrow(() -> notOwned(phoneNumber));
        StringBuilder form = new StringBuilder();
        if (target.voiceUrl() != null) {
            formField(form, "VoiceUrl", target.voiceUrl());
            formField(form, "VoiceMethod", "POST");
        }
        if (target.smsUrl() != null) {
            formField(form, "SmsUrl", target.smsUrl());
            formField(form, "SmsMethod", "POST");
        }
        TwilioRequest request = TwilioRequest.underAccount(credentials.accountSid(),
                List.of("IncomingPhoneNumbers", sid + ".json"), new LinkedHashMap<>(),
                Map.of("VoiceUrl", "voice_url", "SmsUrl", "sms_url"));
        TwilioApi.Reply reply = api.call(credentials, "POST", request, form.toString(), deadline);
        if (reply.succeeded()) {
            TwilioApi.read(reply.body(), TwilioWire.IncomingPhoneNumberRouting.class);
            return;
        }
        if (reply.status() == 404) {
            throw notOwned(phoneNumber);
        }
        throw new ProviderFault.RejectedRequest(TWILIO, TwilioApi.filterNamedIn(reply.error().message(), request),
                reply.code(), "Twilio refused to point " + phoneNumber + " at the routing target"
                + (reply.quotedMessage() == null ? "" : ": " + reply.quotedMessage()) + TwilioApi.withCode(reply.code()));
    }

    /** GETs the number's IncomingPhoneNumber and reads its {@code voice_url} and {@code sms_url}. */
    @Override
    public Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        ProviderCredentials.Twilio credentials = credentials(account);
        Optional<String> sid = sidOf(credentials, phoneNumber, providerNumberId, deadline);
        if (sid.isEmpty()) {
            return Optional.empty();
        }
        TwilioRequest request = TwilioRequest.underAccount(credentials.accountSid(),
                List.of("IncomingPhoneNumbers", sid.get() + ".json"), new LinkedHashMap<>(), Map.of());
        return switch (api.get(credentials, request, TwilioWire.IncomingPhoneNumberRouting.class, deadline)) {
            case TwilioApi.Outcome.Found<TwilioWire.IncomingPhoneNumberRouting> found ->
                    phoneNumber.equals(found.body().phoneNumber() == null ? null : found.body().phoneNumber().strip())
                            ? Optional.of(new RoutingTarget(emptyIfNull(found.body().voiceUrl()),
                                    emptyIfNull(found.body().smsUrl()), null))
                            : Optional.empty(); // the SID now names another number: this one is not the account's
            case TwilioApi.Outcome.NotFound<TwilioWire.IncomingPhoneNumberRouting> notFound -> Optional.empty();
        };
    }

    /** The number's SID: the one recorded when it is a PN SID, else looked up; empty when the account lacks it. */
    private Optional<String> sidOf(ProviderCredentials.Twilio credentials, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        if (providerNumberId != null && PHONE_NUMBER_SID.matcher(providerNumberId).matches()) {
            return Optional.of(providerNumberId);
        }
        return findOwned(credentials, phoneNumber, deadline).map(AvailableNumber::providerNumberId);
    }

    private static ProviderFault.RejectedRequest notOwned(String phoneNumber) {
        return new ProviderFault.RejectedRequest(TWILIO, "phone_number", "20404",
                "Twilio says the account does not own " + phoneNumber);
    }

    private static void formField(StringBuilder form, String name, String value) {
        if (!form.isEmpty()) {
            form.append('&');
        }
        form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String emptyIfNull(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    @Override
    public void close() {
        api.close();
    }

    private Optional<AvailableNumber> findOwned(ProviderCredentials.Twilio credentials, String phoneNumber,
            Deadline deadline) {
        SequencedMap<String, String> query = new LinkedHashMap<>();
        query.put("PhoneNumber", phoneNumber);
        TwilioRequest request = TwilioRequest.underAccount(credentials.accountSid(),
                List.of("IncomingPhoneNumbers.json"), query, Map.of());
        TwilioWire.IncomingPhoneNumberList list = switch (api.get(credentials, request,
                TwilioWire.IncomingPhoneNumberList.class, deadline)) {
            case TwilioApi.Outcome.Found<TwilioWire.IncomingPhoneNumberList> found -> found.body();
            case TwilioApi.Outcome.NotFound<TwilioWire.IncomingPhoneNumberList> notFound ->
                    throw new ProviderFault.RejectedRequest(TWILIO, null, notFound.code(),
                            "Twilio does not know this account's list of phone numbers");
        };
        return (list.items() == null ? List.<TwilioWire.IncomingPhoneNumber>of() : list.items()).stream()
                .filter(wire -> phoneNumber.equals(wire.phoneNumber()))
                .findFirst()
                .flatMap(TwilioAdapter::owned);
    }

    /**
     * Twilio answers a release 204 with no body. Any other success must at least be JSON: a 200 carrying a page
     * that cannot be read (a proxy's, say) does not show that Twilio released anything.
     */
    private static void requireEmptyOrJson(byte[] body, String phoneNumber) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return;
        }
        try {
            TwilioWire.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderFault.Unavailable(TWILIO, null, "Twilio's answer to the release of " + phoneNumber
                    + " could not be read; whether it released the number is unknown", e);
        }
    }

    /** One owned number as Twilio describes it alone, outside a search: country and type from the number itself. */
    static Optional<AvailableNumber> owned(TwilioWire.IncomingPhoneNumber wire) {
        if (blank(wire.phoneNumber()) || blank(wire.sid())) {
            return Optional.empty();
        }
        String phoneNumber = wire.phoneNumber().strip();
        return Optional.of(new AvailableNumber(
                phoneNumber,
                CallingCodes.countryOf(phoneNumber).orElse("ZZ"), // ZZ: ISO's code for an unknown country
                typeOf(wire.type(), phoneNumber),
                null,
                null,
                null,
                TwilioWire.CapabilityFlags.toPort(wire.capabilities()),
                addressRequirements(wire.addressRequirements()),
                null,
                false,
                wire.sid().strip()));
    }

    /** Twilio's {@code type}; where it sends none, a NANP toll-free prefix says toll-free, anything else local. */
    static NumberType typeOf(@Nullable String twilioType, String phoneNumber) {
        String type = twilioType == null ? "" : twilioType.strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "local" -> NumberType.LOCAL;
            case "mobile" -> NumberType.MOBILE;
            case "tollfree", "toll_free", "toll-free" -> NumberType.TOLL_FREE;
            case "national" -> NumberType.NATIONAL;
            default -> phoneNumber.startsWith("+1") && phoneNumber.length() == 12
                    && NANP_TOLL_FREE.contains(phoneNumber.substring(2, 5)) ? NumberType.TOLL_FREE : NumberType.LOCAL;
        };
    }

    private AvailableNumbersPage search(ProviderAccount account, AvailableNumberSearch search, boolean inventory,
            Deadline deadline) {
        ProviderCredentials.Twilio credentials = credentials(account);
        // Planned up front, relaxations included, so an unsupported filter fails before any call to Twilio.
        TwilioSearchPlan exactPlan = plan(search, inventory);
        List<AvailableNumberSearch> relaxed = search.bestEffort()
                ? TwilioSearchPlan.relaxations(search, inventory)
                : List.of();
        List<TwilioSearchPlan> relaxedPlans = relaxed.stream().map(s -> plan(s, inventory)).toList();

        AvailableNumbersPage exact = run(credentials, search, exactPlan, inventory, false, deadline);
        for (int i = 0; i < relaxedPlans.size() && exact.numbers().isEmpty(); i++) {
            AvailableNumbersPage nearest = run(credentials, relaxed.get(i), relaxedPlans.get(i), inventory, true,
                    deadline);
            if (!nearest.numbers().isEmpty()) {
                return nearest;
            }
        }
        return exact;
    }

    private static TwilioSearchPlan plan(AvailableNumberSearch search, boolean inventory) {
        return inventory ? TwilioSearchPlan.inventory(search) : TwilioSearchPlan.owned(search);
    }

    private AvailableNumbersPage run(ProviderCredentials.Twilio credentials, AvailableNumberSearch search,
            TwilioSearchPlan plan, boolean inventory, boolean bestEffort, Deadline deadline) {
        TwilioRequest first = TwilioRequest.underAccount(credentials.accountSid(), plan.resource(), plan.query(),
                plan.filterByParameter());
        if (inventory) {
            return collect(credentials, search, first, plan, TwilioWire.AvailablePhoneNumberList.class,
                    wire -> inventoryNumber(wire, search, bestEffort), deadline);
        }
        return collect(credentials, search, first, plan, TwilioWire.IncomingPhoneNumberList.class,
                wire -> ownedNumber(wire, search, bestEffort), deadline);
    }

    /**
     * Reads Twilio's pages until one more match than the limit is found (which tells there are more), Twilio has
     * no next page, or the plan's page bound is reached.
     */
    private <W, P extends TwilioWire.ListPage<W>> AvailableNumbersPage collect(
            ProviderCredentials.Twilio credentials, AvailableNumberSearch search, TwilioRequest first,
            TwilioSearchPlan plan, Class<P> pageType, Function<W, Optional<AvailableNumber>> toNumber,
            Deadline deadline) {
        // By number: Twilio samples its inventory afresh for each page and may offer a number twice.
        Map<String, AvailableNumber> matches = new LinkedHashMap<>();
        TwilioRequest request = first;
        String nextPage = null;
        for (int page = 0; page < plan.maxPages(); page++) {
            P body = switch (api.get(credentials, request, pageType, deadline)) {
                case TwilioApi.Outcome.Found<P> found -> found.body();
                case TwilioApi.Outcome.NotFound<P> notFound -> throw notSold(credentials, search, request,
                        notFound, deadline);
            };
            for (W wire : body.items() == null ? List.<W>of() : body.items()) {
                toNumber.apply(wire)
                        .filter(plan.check()::accepts)
                        .ifPresent(number -> matches.putIfAbsent(number.phoneNumber(), number));
                if (matches.size() > search.limit()) {
                    break;
                }
            }
            nextPage = body.nextPageUri();
            if (matches.size() > search.limit() || nextPage == null || nextPage.isBlank()) {
                break;
            }
            if (page + 1 < plan.maxPages()) {
                request = api.nextPage(request, nextPage, credentials.accountSid());
            }
        }
        List<AvailableNumber> numbers = new ArrayList<>(matches.values());
        // Twilio's AvailablePhoneNumbers answers one page with no next_page_uri, so for numbers on sale "more"
        // is known only when a match beyond the limit came back; for owned numbers, a next page also says so.
        boolean hasMore = numbers.size() > search.limit() || (nextPage != null && !nextPage.isBlank());
        return new AvailableNumbersPage(numbers.subList(0, Math.min(numbers.size(), search.limit())), null, hasMore);
    }

    /**
     * Twilio answers 404 for a country or a number type it does not sell there (US mobile numbers, say). Its
     * country resource lists the types it does sell, which tells the two apart and lets the message say so.
     */
    private ProviderFault notSold(ProviderCredentials.Twilio credentials, AvailableNumberSearch search,
            TwilioRequest request, TwilioApi.Outcome.NotFound<?> notFound, Deadline deadline) {
        if (!request.pathAndQuery().contains("/AvailablePhoneNumbers/")) {
            return new ProviderFault.RejectedRequest(TWILIO, null, notFound.code(),
                    "Twilio does not know this account's list of phone numbers");
        }
        String type = search.type().wireName();
        try {
            TwilioRequest countryRequest = TwilioRequest.underAccount(credentials.accountSid(),
                    List.of("AvailablePhoneNumbers", search.country() + ".json"), new LinkedHashMap<>(), Map.of());
            return switch (api.get(credentials, countryRequest, TwilioWire.AvailablePhoneNumberCountry.class,
                    deadline)) {
                case TwilioApi.Outcome.Found<TwilioWire.AvailablePhoneNumberCountry> found -> {
                    Set<String> offered = new TreeSet<>(found.body().subresourceUris() == null
                            ? Set.of() : found.body().subresourceUris().keySet());
                    yield new ProviderFault.RejectedRequest(TWILIO, "type", notFound.code(),
                            "Twilio sells no " + type + " numbers in " + search.country()
                                    + (offered.isEmpty() ? "" : "; it sells " + String.join(", ", offered)));
                }
                case TwilioApi.Outcome.NotFound<TwilioWire.AvailablePhoneNumberCountry> countryNotFound ->
                        new ProviderFault.RejectedRequest(TWILIO, "country", countryNotFound.code(),
                                "Twilio sells no phone numbers in " + search.country());
            };
        } catch (ProviderFault diagnosisFailed) {
            // The search's own 404 still stands; without the diagnosis, guess from the type asked.
            boolean local = search.type() == NumberType.LOCAL;
            return new ProviderFault.RejectedRequest(TWILIO, local ? "country" : "type", notFound.code(),
                    "Twilio sells no " + type + " numbers in " + search.country());
        }
    }

    private static Optional<AvailableNumber> inventoryNumber(TwilioWire.AvailablePhoneNumber wire,
            AvailableNumberSearch search, boolean bestEffort) {
        if (blank(wire.phoneNumber())) {
            return Optional.empty();
        }
        return Optional.of(new AvailableNumber(
                wire.phoneNumber(),
                blank(wire.isoCountry()) ? search.country() : wire.isoCountry().toUpperCase(Locale.ROOT),
                search.type(),
                nullIfBlank(wire.region()),
                nullIfBlank(wire.locality()),
                nullIfBlank(wire.postalCode()),
                TwilioWire.CapabilityFlags.toPort(wire.capabilities()),
                addressRequirements(wire.addressRequirements()),
                null, // Twilio's search states no price; its Pricing API would, per country and type.
                bestEffort,
                null));
    }

    private static Optional<AvailableNumber> ownedNumber(TwilioWire.IncomingPhoneNumber wire,
            AvailableNumberSearch search, boolean bestEffort) {
        if (blank(wire.phoneNumber())) {
            return Optional.empty();
        }
        return Optional.of(new AvailableNumber(
                wire.phoneNumber(),
                // Twilio's list names no country; the plan's filter keeps only numbers of the country asked. Asked for
                // none, the number's calling code tells it, and its record the type.
                search.country() != null ? search.country()
                        : CallingCodes.countryOf(wire.phoneNumber().strip()).orElse("ZZ"),
                search.type() != null ? search.type() : typeOf(wire.type(), wire.phoneNumber().strip()),
                null,
                null,
                null,
                TwilioWire.CapabilityFlags.toPort(wire.capabilities()),
                addressRequirements(wire.addressRequirements()),
                null,
                bestEffort,
                nullIfBlank(wire.sid())));
    }

    /**
     * Twilio's {@code none}, {@code any}, {@code local} or {@code foreign}. A number that states none of them
     * counts as needing an address ({@code any}): wrongly offering it to a search that excludes such numbers
     * would surprise the customer at purchase, wrongly withholding it costs nothing.
     */
    private static String addressRequirements(@Nullable String wire) {
        String value = wire == null ? "" : wire.strip().toLowerCase(Locale.ROOT);
        return ADDRESS_REQUIREMENTS.contains(value) ? value : "any";
    }

    private static ProviderCredentials.Twilio credentials(ProviderAccount account) {
        if (!(account.credentials() instanceof ProviderCredentials.Twilio twilio)) {
            throw new IllegalArgumentException("The Twilio adapter needs Twilio credentials, got "
                    + account.provider());
        }
        // Twilio would answer 401 or 404; saying so here spares the call and gives the clearer reason.
        if (!ACCOUNT_SID.matcher(twilio.accountSid()).matches()) {
            throw new ProviderFault.RejectedCredentials(TWILIO,
                    "A Twilio account SID is AC followed by 32 hexadecimal digits");
        }
        if (twilio.authToken().isBlank()) {
            throw new ProviderFault.RejectedCredentials(TWILIO, "The Twilio auth token is empty");
        }
        return twilio;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static @Nullable String nullIfBlank(@Nullable String value) {
        return blank(value) ? null : value.strip();
    }
}
