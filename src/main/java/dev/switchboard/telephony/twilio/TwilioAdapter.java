package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Twilio adapter: lists the numbers on sale to a Twilio account (AvailablePhoneNumbers) and the numbers it
 * owns (IncomingPhoneNumbers) through Twilio's REST API v2010, with the account's own credentials on each call.
 */
@Component
public class TwilioAdapter implements TelephonyProvider, AutoCloseable {

    private static final TelephonyProviderName TWILIO = TelephonyProviderName.TWILIO;
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Set<String> ADDRESS_REQUIREMENTS = Set.of("none", "any", "local", "foreign");

    private final TwilioApi api;
    private final Duration timeout;

    @Autowired
    public TwilioAdapter(ProvidersProperties properties) {
        this(properties, Clock.systemUTC());
    }

    TwilioAdapter(ProvidersProperties properties, Clock clock) {
        this.timeout = properties.timeout();
        this.api = new TwilioApi(properties.twilio().baseUrl(), properties.timeout(), clock);
    }

    @Override
    public TelephonyProviderName name() {
        return TWILIO;
    }

    @Override
    public AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search) {
        return search(account, search, true);
    }

    @Override
    public AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search) {
        return search(account, search, false);
    }

    @Override
    public void close() {
        api.close();
    }

    private AvailableNumbersPage search(ProviderAccount account, AvailableNumberSearch search, boolean inventory) {
        ProviderCredentials.Twilio credentials = credentials(account);
        // Planned up front, relaxations included, so an unsupported filter fails before any call to Twilio.
        TwilioSearchPlan exactPlan = plan(search, inventory);
        List<AvailableNumberSearch> relaxed = search.bestEffort()
                ? TwilioSearchPlan.relaxations(search, inventory)
                : List.of();
        List<TwilioSearchPlan> relaxedPlans = relaxed.stream().map(s -> plan(s, inventory)).toList();

        Deadline deadline = Deadline.after(timeout);
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
                        .filter(plan.resultFilter()::accepts)
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
                // Twilio's list names no country; the plan's filter keeps only numbers of the country asked.
                search.country(),
                search.type(),
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
