package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.Regions;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.http.ProviderHttp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Telnyx adapter: lists the numbers on sale to a Telnyx account ({@code GET /v2/available_phone_numbers}) and
 * the numbers it has ({@code GET /v2/phone_numbers}) through Telnyx's API v2, with the account's own API key on
 * each call.
 */
@Component
public class TelnyxAdapter implements TelephonyAdapter, AutoCloseable {

    private static final TelephonyProviderName TELNYX = TelephonyProviderName.TELNYX;
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    /**
     * Statuses of a number the account does not (or not yet, or no longer) hold: a purchase or port still running
     * or failed, a number deleted or ported away. Every other status (active, emergency-only, requirement-info-...,
     * port-out-pending, ...) is a number the account has.
     */
    private static final Set<String> NOT_HELD = Set.of("purchase-pending", "purchase-failed", "port-pending",
            "port-failed", "deleted", "ported-out");

    private final TelnyxApi api;

    @Autowired
    public TelnyxAdapter(ProvidersProperties properties) {
        this(properties, Clock.systemUTC());
    }

    TelnyxAdapter(ProvidersProperties properties, Clock clock) {
        this.api = new TelnyxApi(properties.telnyx().baseUrl(), properties.timeout(), clock);
    }

    @Override
    public TelephonyProviderName name() {
        return TELNYX;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        TelnyxSearchPlan plan = TelnyxSearchPlan.inventory(search);
        return inventory(credentials, search, plan, deadline);
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search,
            Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        // Planned up front, the fallback included, so an unsupported filter fails before any call to Telnyx.
        TelnyxSearchPlan plan = TelnyxSearchPlan.owned(search);
        // Telnyx has no best effort of its own for owned numbers: the adapter falls back to other digits.
        AvailableNumberSearch nearer = search.bestEffort() && search.hasDigitPatterns()
                ? search.withoutDigitPatterns() : null;
        TelnyxSearchPlan nearerPlan = nearer == null ? null : TelnyxSearchPlan.owned(nearer);

        AvailableNumbersPage exact = owned(credentials, search, plan, false, deadline);
        if (exact.numbers().isEmpty() && nearer != null && nearerPlan != null) {
            AvailableNumbersPage nearest = owned(credentials, nearer, nearerPlan, true, deadline);
            if (!nearest.numbers().isEmpty()) {
                return nearest;
            }
        }
        return exact;
    }

    @Override
    public void close() {
        api.close();
    }

    /**
     * Orders the number ({@code POST /v2/number_orders}, once: a purchase is never retried) and, while Telnyx
     * reports the order {@code pending}, polls it ({@code GET /v2/number_orders/{id}}) within the deadline; once it
     * succeeded, reads the number's record for Telnyx's id. Telnyx refusing the order (400, 404, 409, 422) or failing
     * it means the number is not on sale.
     */
    @Override
    public AvailableNumber buy(ProviderAccount account, String phoneNumber, Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        if (!E164.matcher(phoneNumber).matches()) {
            throw new ProviderFault.NumberNotOnSale(TELNYX, phoneNumber);
        }
        byte[] body = TelnyxWire.MAPPER.writeValueAsBytes(
                Map.of("phone_numbers", List.of(Map.of("phone_number", phoneNumber))));
        TelnyxWire.NumberOrder order = switch (api.call(credentials,
                TelnyxRequest.post(TelnyxSearchPlan.ORDERS_PATH, body), TelnyxWire.NumberOrderEnvelope.class,
                deadline, true)) {
            case TelnyxApi.Outcome.Found<TelnyxWire.NumberOrderEnvelope> found -> found.body().data();
            case TelnyxApi.Outcome.NotFound<TelnyxWire.NumberOrderEnvelope> notFound ->
                    throw new ProviderFault.NumberNotOnSale(TELNYX, phoneNumber);
            case TelnyxApi.Outcome.Refused<TelnyxWire.NumberOrderEnvelope> refused ->
                    throw new ProviderFault.NumberNotOnSale(TELNYX, phoneNumber);
        };
        if (order == null || blank(order.id())) {
            throw TelnyxApi.unreadable(null);
        }
        Poll poll = new Poll(deadline);
        while (orderStatus(order, phoneNumber).equals("pending")) {
            poll.pause();
            order = found(api.call(credentials,
                    TelnyxRequest.get(TelnyxSearchPlan.ORDERS_PATH + "/" + ProviderHttp.pathSegment(order.id()),
                            List.of(), Map.of()),
                    TelnyxWire.NumberOrderEnvelope.class, deadline), "Telnyx's number order").data();
            if (order == null || blank(order.id())) {
                throw TelnyxApi.unreadable(null);
            }
        }
        if (!orderStatus(order, phoneNumber).equals("success")) {
            throw new ProviderFault.NumberNotOnSale(TELNYX, phoneNumber);
        }
        // The record may lag the order by a moment (purchase-pending): read it until it is the account's.
        Poll recordPoll = new Poll(deadline);
        while (true) {
            Optional<AvailableNumber> owned = held(credentials, phoneNumber, deadline);
            if (owned.isPresent()) {
                return owned.get();
            }
            recordPoll.pause();
        }
    }

    /** {@code GET /v2/phone_numbers?filter[phone_number]=} with the number's digits, and the exact match among them. */
    @Override
    public Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber,
            Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        if (!E164.matcher(phoneNumber).matches()) {
            return Optional.empty();
        }
        return held(credentials, phoneNumber, deadline);
    }

    /**
     * {@code DELETE /v2/phone_numbers/{id}}; without the id, found first by the number. A number Telnyx no longer
     * has (404, or not found by number) counts as released.
     */
    @Override
    public void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        String id = providerNumberId;
        if (blank(id)) {
            if (!E164.matcher(phoneNumber).matches()) {
                return;
            }
            Optional<AvailableNumber> owned = held(credentials, phoneNumber, deadline);
            if (owned.isEmpty()) {
                return;
            }
            id = owned.get().providerNumberId();
        }
        switch (api.call(credentials, TelnyxRequest.delete(TelnyxSearchPlan.OWNED_PATH + "/"
                + ProviderHttp.pathSegment(Objects.requireNonNull(id))), TelnyxWire.PhoneNumberEnvelope.class,
                deadline)) {
            case TelnyxApi.Outcome.Found<TelnyxWire.PhoneNumberEnvelope> deleted -> { }
            case TelnyxApi.Outcome.NotFound<TelnyxWire.PhoneNumberEnvelope> alreadyGone -> { }
            case TelnyxApi.Outcome.Refused<TelnyxWire.PhoneNumberEnvelope> refused -> throw new ProviderFault.Unavailable(
                    TELNYX, refused.code(), "Telnyx refused to release the number", null);
        }
    }

    /**
     * {@code PATCH /v2/phone_numbers/{id}} with {@code {"connection_id": ...}} (null to clear), as telnyx-java's
     * {@code PhoneNumberUpdateParams} sends it. Only the application id routes a Telnyx number; voice and SMS URLs
     * live on the application, so a target without one changes nothing here.
     */
    @Override
    public void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            RoutingTarget target, Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        if (target.applicationId() == null) {
            return;
        }
        String id = idOf(credentials, phoneNumber, providerNumberId, deadline)
                .orElseThrow(() -> notOwned(phoneNumber));
        Map<String, @Nullable Object> patch = new java.util.HashMap<>();
        patch.put("connection_id", target.applicationId().isEmpty() ? null : target.applicationId());
        switch (api.call(credentials, TelnyxRequest.patch(TelnyxSearchPlan.OWNED_PATH + "/" + ProviderHttp.pathSegment(id),
                TelnyxWire.MAPPER.writeValueAsBytes(patch)), TelnyxWire.PhoneNumberEnvelope.class, deadline, true)) {
            case TelnyxApi.Outcome.Found<TelnyxWire.PhoneNumberEnvelope> updated -> { }
            case TelnyxApi.Outcome.NotFound<TelnyxWire.PhoneNumberEnvelope> gone -> throw notOwned(phoneNumber);
            case TelnyxApi.Outcome.Refused<TelnyxWire.PhoneNumberEnvelope> refused ->
                    throw new ProviderFault.RejectedRequest(TELNYX, "connection_id", refused.code(),
                            "Telnyx refused connection_id " + target.applicationId() + " for " + phoneNumber
                                    + (refused.message() == null ? "" : ": " + refused.message()));
        }
    }

    /** {@code GET /v2/phone_numbers/{id}}: its {@code connection_id}; empty when Telnyx no longer has it for the account. */
    @Override
    public Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        ProviderCredentials.Telnyx credentials = credentials(account);
        Optional<String> id = idOf(credentials, phoneNumber, providerNumberId, deadline);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return switch (api.call(credentials, TelnyxRequest.get(TelnyxSearchPlan.OWNED_PATH + "/"
                + ProviderHttp.pathSegment(id.get()), List.of(), Map.of()), TelnyxWire.PhoneNumberEnvelope.class,
                deadline)) {
            case TelnyxApi.Outcome.Found<TelnyxWire.PhoneNumberEnvelope> found -> {
                TelnyxWire.PhoneNumber wire = found.body().data();
                if (wire == null || wire.phoneNumber() == null || !phoneNumber.equals(wire.phoneNumber().strip())
                        || heldNumber(wire).isEmpty()) {
                    yield Optional.empty();
                }
                yield Optional.of(new RoutingTarget(null, null,
                        wire.connectionId() == null ? "" : wire.connectionId().strip()));
            }
            case TelnyxApi.Outcome.NotFound<TelnyxWire.PhoneNumberEnvelope> gone -> Optional.empty();
            case TelnyxApi.Outcome.Refused<TelnyxWire.PhoneNumberEnvelope> refused -> Optional.empty();
        };
    }

    private Optional<String> idOf(ProviderCredentials.Telnyx credentials, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        if (!blank(providerNumberId)) {
            return Optional.of(providerNumberId.strip());
        }
        if (!E164.matcher(phoneNumber).matches()) {
            return Optional.empty();
        }
        return held(credentials, phoneNumber, deadline).map(AvailableNumber::providerNumberId);
    }

    private static ProviderFault.RejectedRequest notOwned(String phoneNumber) {
        return new ProviderFault.RejectedRequest(TELNYX, "phone_number", null,
                "Telnyx says the account does not have " + phoneNumber);
    }

    private Optional<AvailableNumber> held(ProviderCredentials.Telnyx credentials, String phoneNumber,
            Deadline deadline) {
        // Digits only: Telnyx's filter matches part of the number and finds nothing when given a "+".
        TelnyxRequest request = TelnyxRequest.get(TelnyxSearchPlan.OWNED_PATH, List.of(
                new TelnyxRequest.Parameter("filter[phone_number]", phoneNumber.substring(1)),
                new TelnyxRequest.Parameter("page[number]", "1"),
                new TelnyxRequest.Parameter("page[size]", Integer.toString(TelnyxSearchPlan.MAX_PAGE_SIZE))),
                Map.of());
        TelnyxWire.PhoneNumbers body = found(api.call(credentials, request, TelnyxWire.PhoneNumbers.class, deadline),
                "Telnyx's list of the account's numbers");
        for (TelnyxWire.PhoneNumber wire : body.data() == null ? List.<TelnyxWire.PhoneNumber>of() : body.data()) {
            if (wire != null && wire.phoneNumber() != null && phoneNumber.equals(wire.phoneNumber().strip())) {
                Optional<AvailableNumber> owned = heldNumber(wire);
                if (owned.isPresent()) {
                    return owned;
                }
            }
        }
        return Optional.empty();
    }

    /** The order's status for this number: its own entry's when present, else the order's; lower case. */
    private static String orderStatus(TelnyxWire.NumberOrder order, String phoneNumber) {
        String status = order.status();
        for (TelnyxWire.NumberOrderPhoneNumber entry : order.phoneNumbers() == null
                ? List.<TelnyxWire.NumberOrderPhoneNumber>of() : order.phoneNumbers()) {
            if (entry != null && phoneNumber.equals(entry.phoneNumber()) && !blank(entry.status())) {
                status = entry.status();
            }
        }
        return status == null ? "" : status.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Waits between polls of one purchase: 100 ms, doubling to 1 s, never past the deadline (then it times out).
     * Telnyx activates most orders "momentarily"; its documentation names no better interval.
     */
    private static final class Poll {
        private final Deadline deadline;
        private long pauseMillis = 100;

        Poll(Deadline deadline) {
            this.deadline = deadline;
        }

        void pause() {
            long remaining = deadline.remaining().toMillis();
            if (remaining <= 0) {
                throw new ProviderFault.TimedOut(TELNYX, deadline.budget());
            }
            try {
                Thread.sleep(Math.min(pauseMillis, remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderFault.Unavailable(TELNYX, null, "The purchase at Telnyx was interrupted", e);
            }
            pauseMillis = Math.min(1_000, pauseMillis * 2);
            if (deadline.remaining().isNegative() || deadline.remaining().isZero()) {
                throw new ProviderFault.TimedOut(TELNYX, deadline.budget());
            }
        }
    }

    /**
     * One call: Telnyx's number search has no paging. Telnyx's {@code meta.total_results} counts the numbers it
     * answered (never more than {@code filter[limit]}), not all matches, so it is not passed on as a total; there
     * are more when a match beyond the limit came back, or when Telnyx filled the whole batch.
     */
    private AvailableNumbersPage inventory(ProviderCredentials.Telnyx credentials, AvailableNumberSearch search,
            TelnyxSearchPlan plan, Deadline deadline) {
        TelnyxWire.AvailablePhoneNumbers body = found(api.call(credentials, plan.request(1),
                TelnyxWire.AvailablePhoneNumbers.class, deadline), "Telnyx's number search");
        List<TelnyxWire.AvailablePhoneNumber> data = body.data() == null ? List.of() : body.data();
        Map<String, AvailableNumber> matches = new LinkedHashMap<>();
        for (TelnyxWire.AvailablePhoneNumber wire : data) {
            inventoryNumber(wire, search)
                    .filter(number -> matches(plan, number))
                    .ifPresent(number -> matches.putIfAbsent(number.phoneNumber(), number));
        }
        List<AvailableNumber> numbers = new ArrayList<>(matches.values());
        boolean hasMore = numbers.size() > search.limit() || data.size() >= plan.batch();
        return new AvailableNumbersPage(numbers.subList(0, Math.min(numbers.size(), search.limit())), null, hasMore);
    }

    /** Reads Telnyx's pages until one more match than the limit is found, the last page, or the page bound. */
    private AvailableNumbersPage owned(ProviderCredentials.Telnyx credentials, AvailableNumberSearch search,
            TelnyxSearchPlan plan, boolean bestEffort, Deadline deadline) {
        Map<String, AvailableNumber> matches = new LinkedHashMap<>();
        boolean morePages = false;
        for (int page = 1; page <= TelnyxSearchPlan.MAX_OWNED_PAGES; page++) {
            TelnyxWire.PhoneNumbers body = found(api.call(credentials, plan.request(page),
                    TelnyxWire.PhoneNumbers.class, deadline), "Telnyx's list of the account's numbers");
            List<TelnyxWire.PhoneNumber> data = body.data() == null ? List.of() : body.data();
            for (TelnyxWire.PhoneNumber wire : data) {
                ownedNumber(wire, search, bestEffort)
                        .filter(number -> matches(plan, number))
                        .ifPresent(number -> matches.putIfAbsent(number.phoneNumber(), number));
            }
            TelnyxWire.PaginationMeta meta = body.meta();
            Integer totalPages = meta == null ? null : meta.totalPages();
            // Without paging fields, a full page is the only sign of another one.
            morePages = totalPages != null ? page < totalPages : data.size() >= plan.batch();
            if (matches.size() > search.limit() || !morePages || data.isEmpty()) {
                break;
            }
        }
        List<AvailableNumber> numbers = new ArrayList<>(matches.values());
        boolean hasMore = numbers.size() > search.limit() || morePages;
        return new AvailableNumbersPage(numbers.subList(0, Math.min(numbers.size(), search.limit())), null, hasMore);
    }

    /** A list resource that Telnyx says does not exist is not a missing number: Telnyx's API is not as expected. */
    private static <T> T found(TelnyxApi.Outcome<T> outcome, String what) {
        return switch (outcome) {
            case TelnyxApi.Outcome.Found<T> found -> found.body();
            case TelnyxApi.Outcome.NotFound<T> notFound -> throw new ProviderFault.Unavailable(TELNYX,
                    notFound.code(), what + " answered 404", null);
            case TelnyxApi.Outcome.Refused<T> refused -> throw new ProviderFault.Unavailable(TELNYX,
                    refused.code(), what + " answered " + refused.status(), null);
        };
    }

    static Optional<AvailableNumber> inventoryNumber(TelnyxWire.AvailablePhoneNumber wire,
            AvailableNumberSearch search) {
        if (blank(wire.phoneNumber())) {
            return Optional.empty();
        }
        boolean nearMatch = Boolean.TRUE.equals(wire.bestEffort());
        if (nearMatch && !search.bestEffort()) {
            return Optional.empty(); // a near match was not asked for: it does not match the search
        }
        String country = wire.region("country_code");
        // Telnyx matched locality and state itself; where its entry does not say them, the search's value is the
        // number's (but not for a near match, which may lie elsewhere).
        String region = wire.region("state");
        String locality = wire.region("location");
        if (!nearMatch) {
            region = region != null ? region : Regions.code(search.country(), nonNull(search.region())).orElse(null);
            locality = locality != null ? locality : search.locality();
        }
        return Optional.of(new AvailableNumber(
                wire.phoneNumber().strip(),
                country == null ? search.country() : country.toUpperCase(Locale.ROOT),
                search.type(), // Telnyx's record names no type; it searched only the type asked
                region,
                locality,
                null, // Telnyx's number search reports no postal code
                TelnyxWire.Feature.toPort(wire.features()),
                // Telnyx's search does not say whether a number needs an address; like the other adapters, a number
                // that does not say counts as needing one, so that nobody is surprised at purchase.
                "any",
                monthlyPrice(wire.costInformation()),
                nearMatch,
                null,
                setupPrice(wire.costInformation())));
    }

    static Optional<AvailableNumber> ownedNumber(TelnyxWire.PhoneNumber wire, AvailableNumberSearch search,
            boolean bestEffort) {
        if (blank(wire.phoneNumber()) || blank(wire.id())) {
            return Optional.empty();
        }
        String status = wire.status() == null ? "" : wire.status().strip().toLowerCase(Locale.ROOT);
        if (NOT_HELD.contains(status)) {
            return Optional.empty();
        }
        // A record without a type is taken as the type asked, or, when none was asked, as local (what Telnyx sells
        // most); one without a country as the country asked, or the one its calling code names.
        NumberType type = wire.phoneNumberType() != null ? numberType(wire.phoneNumberType())
                : search.type() != null ? search.type() : NumberType.LOCAL;
        if (type == null || (search.type() != null && type != search.type())) {
            return Optional.empty(); // a type Switchboard has no word for, or not the one asked
        }
        String phoneNumber = wire.phoneNumber().strip();
        String country = blank(wire.countryIsoAlpha2()) ? null : wire.countryIsoAlpha2().strip().toUpperCase(Locale.ROOT);
        if (country == null) {
            country = search.country() == null ? CallingCodes.countryOf(phoneNumber).orElse("")
                    : CallingCodes.belongsTo(phoneNumber, search.country()) ? search.country() : "";
        }
        if (country.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AvailableNumber(
                phoneNumber,
                country,
                type,
                null, // Telnyx's phone number record says nothing of place,
                null,
                null,
                // features or address requirements: what the port cannot tell is not claimed.
                Capabilities.NONE,
                "any",
                null,
                bestEffort,
                wire.id().strip()));
    }

    /** A record of a number the account holds, described by the record alone (findOwned, buy). */
    static Optional<AvailableNumber> heldNumber(TelnyxWire.PhoneNumber wire) {
        if (blank(wire.phoneNumber()) || blank(wire.id())) {
            return Optional.empty();
        }
        String status = wire.status() == null ? "" : wire.status().strip().toLowerCase(Locale.ROOT);
        if (NOT_HELD.contains(status)) {
            return Optional.empty();
        }
        String phoneNumber = wire.phoneNumber().strip();
        NumberType type = wire.phoneNumberType() == null ? null : numberType(wire.phoneNumberType());
        String country = blank(wire.countryIsoAlpha2()) ? null : wire.countryIsoAlpha2().strip().toUpperCase(Locale.ROOT);
        return Optional.of(new AvailableNumber(phoneNumber,
                country != null ? country : phoneNumber.startsWith("+1") ? "US" : "",
                // A type the port has no word for (shared cost, short code) is neither of its four; local is the
                // plainest reading of a number the account holds.
                type != null ? type : NumberType.LOCAL,
                null, null, null, Capabilities.NONE, "any", null, false, wire.id().strip()));
    }

    /**
     * Telnyx's type of an owned number, legacy values included ({@code tollfree} for toll-free, {@code longcode}
     * and {@code landline} for a local number); null for types the API has no word for (shared cost, short code).
     */
    static @Nullable NumberType numberType(String wire) {
        return switch (wire.strip().toLowerCase(Locale.ROOT)) {
            case "local", "longcode", "landline" -> NumberType.LOCAL;
            case "toll_free", "tollfree", "toll-free" -> NumberType.TOLL_FREE;
            case "mobile" -> NumberType.MOBILE;
            case "national" -> NumberType.NATIONAL;
            default -> null;
        };
    }

    /** Telnyx's monthly cost ({@code "1.00000"}) as a price with at least two decimals ({@code "1.00"}). */
    static @Nullable Money monthlyPrice(TelnyxWire.@Nullable CostInformation cost) {
        return cost == null ? null : price(cost.monthlyCost(), cost.currency());
    }

    /** Telnyx's one-time {@code upfront_cost} of buying the number, likewise ({@code "0.00"} when it is free). */
    static @Nullable Money setupPrice(TelnyxWire.@Nullable CostInformation cost) {
        return cost == null ? null : price(cost.upfrontCost(), cost.currency());
    }

    private static @Nullable Money price(@Nullable String value, @Nullable String currency) {
        if (blank(value) || blank(currency)) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.strip()).stripTrailingZeros();
            if (amount.scale() < 2) {
                amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            }
            return new Money(amount.toPlainString(), currency.strip().toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static ProviderCredentials.Telnyx credentials(ProviderAccount account) {
        if (!(account.credentials() instanceof ProviderCredentials.Telnyx telnyx)) {
            throw new IllegalArgumentException("The Telnyx adapter needs Telnyx credentials, got "
                    + account.provider());
        }
        // Telnyx would answer 401; saying so here spares the call (and a key with spaces or line breaks could not
        // even be sent as a header).
        if (telnyx.apiKey().isBlank() || !telnyx.apiKey().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProviderFault.RejectedCredentials(TELNYX, "The Telnyx API key is empty or not a valid key");
        }
        return telnyx;
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    /**
     * A number Telnyx flags as a best-effort match is by definition not an exact one: it keeps only what the caller
     * needs of any number (country and capabilities), not the digits or place it was near to.
     */
    private static boolean matches(TelnyxSearchPlan plan, AvailableNumber number) {
        return number.bestEffortMatch() ? plan.check().acceptsNearMatch(number) : plan.check().accepts(number);
    }

}
