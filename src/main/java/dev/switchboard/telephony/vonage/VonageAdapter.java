package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyAdapter;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.http.ProviderHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Vonage adapter: lists the numbers on sale to a Vonage account ({@code GET /number/search}) and the numbers it
 * owns ({@code GET /account/numbers}), buys ({@code POST /number/buy}) and cancels ({@code POST /number/cancel})
 * numbers through Vonage's Numbers API, with the account's own API key and secret on each call.
 *
 * <p>Vonage names a number by its msisdn and country everywhere and has no id of its own for an owned number, so
 * {@link AvailableNumber#providerNumberId()} is always null here; buying and cancelling find the country first.
 */
@Component
public class VonageAdapter implements TelephonyAdapter, AutoCloseable {

    private static final TelephonyProviderName VONAGE = TelephonyProviderName.VONAGE;
    private static final Pattern MSISDN = Pattern.compile("\\+?([1-9]\\d{5,14})");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    /**
     * What every Vonage number says of the address it needs: nothing, so the adapter assumes one may be needed
     * ({@code any}). Wrongly offering a number as needing none would surprise the customer at purchase; wrongly
     * saying it may need one costs nothing. For the same reason {@code exclude_address_required} is refused.
     */
    static final String ADDRESS_REQUIREMENTS = "any";

    private final VonageApi api;

    @Autowired
    public VonageAdapter(ProvidersProperties properties) {
        this(properties, Clock.systemUTC());
    }

    VonageAdapter(ProvidersProperties properties, Clock clock) {
        this.api = new VonageApi(properties.vonage().baseUrl(), properties.timeout(), clock);
    }

    @Override
    public TelephonyProviderName name() {
        return VONAGE;
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

    @Override
    public void close() {
        api.close();
    }

    /**
     * Buys a number: finds it on sale first ({@code GET /number/search} by the full msisdn, in each country its
     * calling code may mean), which tells the country {@code /number/buy} needs and what the number is, then sends
     * one {@code POST /number/buy}, never retried (a purchase is not idempotent). Not found on sale, or Vonage's 420
     * ("method failed": taken meanwhile, or not purchasable by this account), is {@code NumberNotOnSale}.
     */
    @Override
    public AvailableNumber buy(ProviderAccount account, String phoneNumber, Deadline deadline) {
        ProviderCredentials.Vonage credentials = credentials(account);
        String msisdn = msisdn(phoneNumber).orElseThrow(
                () -> new ProviderFault.NumberNotOnSale(VONAGE, phoneNumber));
        AvailableNumber offered = null;
        for (String country : CallingCodes.countriesOf(msisdn)) {
            offered = onSale(credentials, country, msisdn, deadline).orElse(null);
            if (offered != null) {
                break;
            }
        }
        if (offered == null) {
            throw new ProviderFault.NumberNotOnSale(VONAGE, phoneNumber);
        }
        VonageRequest request = VonageRequest.post("/number/buy", numberForm(offered.country(), msisdn));
        ProviderHttp.Answer answer = api.exchange(credentials, request, deadline);
        if (succeeded(answer)) {
            return new AvailableNumber(offered.phoneNumber(), offered.country(), offered.type(), null, null, null,
                    offered.capabilities(), offered.addressRequirements(), offered.monthlyPrice(), false, null);
        }
        if (refused(answer)) {
            throw new ProviderFault.NumberNotOnSale(VONAGE, phoneNumber);
        }
        throw api.translate(answer, credentials, request);
    }

    /** The account's number, looked up by its full msisdn as a starts-with pattern of {@code /account/numbers}. */
    @Override
    public Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber,
            Deadline deadline) {
        ProviderCredentials.Vonage credentials = credentials(account);
        return msisdn(phoneNumber).flatMap(msisdn -> owned(credentials, msisdn, deadline));
    }

    /**
     * Cancels a number the account owns ({@code POST /number/cancel} with the country Vonage lists it under). A number
     * the account does not own, before or (after Vonage's 420) once the cancel was refused, counts as released.
     * Vonage has no id of its own, so {@code providerNumberId} plays no part.
     */
    @Override
    public void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            Deadline deadline) {
        ProviderCredentials.Vonage credentials = credentials(account);
        Optional<String> msisdn = msisdn(phoneNumber);
        Optional<AvailableNumber> owned = msisdn.flatMap(m -> owned(credentials, m, deadline));
        if (owned.isEmpty()) {
            return;
        }
        VonageRequest request = VonageRequest.post("/number/cancel", numberForm(owned.get().country(),
                msisdn.orElseThrow()));
        ProviderHttp.Answer answer = api.exchange(credentials, request, deadline);
        if (succeeded(answer) || (refused(answer) && owned(credentials, msisdn.get(), deadline).isEmpty())) {
            return;
        }
        throw api.translate(answer, credentials, request);
    }

    /**
     * {@code POST /number/update} with {@code country}, {@code msisdn} and {@code app_id}, form-encoded as the SDK's
     * {@code UpdateNumberRequest} sends it; clearing sends no {@code app_id}. Only the application routes a Vonage
     * number (its voice and message URLs live on the application), so a target without one changes nothing here.
     */
    @Override
    public void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            RoutingTarget target, Deadline deadline) {
        ProviderCredentials.Vonage credentials = credentials(account);
        if (target.applicationId() == null) {
            return;
        }
        String msisdn = msisdn(phoneNumber).orElseThrow(() -> notOwned(phoneNumber));
        VonageWire.OwnedNumberRouting owned = routingOf(credentials, msisdn, deadline)
                .orElseThrow(() -> notOwned(phoneNumber));
        String country = owned.country() == null || owned.country().isBlank()
                ? CallingCodes.countriesOf(msisdn).stream().findFirst().orElse("ZZ") : owned.country().strip();
        SequencedMap<String, String> form = numberForm(country, msisdn);
        if (!target.applicationId().isEmpty()) {
            form.put("app_id", target.applicationId());
        }
        VonageRequest request = new VonageRequest("POST", "/number/update", form, Map.of("app_id", "app_id"));
        ProviderHttp.Answer answer = api.exchange(credentials, request, deadline);
        if (succeeded(answer)) {
            return;
        }
        if (refused(answer)) {
            throw new ProviderFault.RejectedRequest(VONAGE, "app_id", "420", "Vonage refused to point " + phoneNumber
                    + " at application " + target.applicationId() + " (error-code 420)");
        }
        throw api.translate(answer, credentials, request);
    }

    /** {@code GET /account/numbers} by the number: its application; empty when the account no longer owns it. */
    @Override
    public Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber,
            @Nullable String providerNumberId, Deadline deadline) {
        ProviderCredentials.Vonage credentials = credentials(account);
        return msisdn(phoneNumber).flatMap(msisdn -> routingOf(credentials, msisdn, deadline))
                .map(owned -> new RoutingTarget(null, null, owned.application()));
    }

    private Optional<VonageWire.OwnedNumberRouting> routingOf(ProviderCredentials.Vonage credentials, String msisdn,
            Deadline deadline) {
        SequencedMap<String, String> query = new LinkedHashMap<>();
        query.put("pattern", msisdn);
        query.put("search_pattern", VonageSearchPlan.STARTS_WITH);
        VonageWire.OwnedNumbersRouting page = api.get(credentials, VonageRequest.get("/account/numbers", query,
                Map.of()), VonageWire.OwnedNumbersRouting.class, deadline);
        return (page.numbers() == null ? List.<VonageWire.OwnedNumberRouting>of() : page.numbers()).stream()
                .filter(n -> n != null && n.msisdn() != null && n.msisdn().strip().equals(msisdn))
                .findFirst();
    }

    private static ProviderFault.RejectedRequest notOwned(String phoneNumber) {
        return new ProviderFault.RejectedRequest(VONAGE, "phone_number", null,
                "Vonage says the account does not own " + phoneNumber);
    }

    private Optional<AvailableNumber> onSale(ProviderCredentials.Vonage credentials, String country, String msisdn,
            Deadline deadline) {
        SequencedMap<String, String> query = new LinkedHashMap<>();
        query.put("country", country);
        query.put("pattern", msisdn);
        query.put("search_pattern", VonageSearchPlan.STARTS_WITH);
        VonageWire.AvailableNumbers page = api.get(credentials, VonageRequest.get("/number/search", query, Map.of()),
                VonageWire.AvailableNumbers.class, deadline);
        return exactly(page, msisdn, country);
    }

    private Optional<AvailableNumber> owned(ProviderCredentials.Vonage credentials, String msisdn, Deadline deadline) {
        SequencedMap<String, String> query = new LinkedHashMap<>();
        query.put("pattern", msisdn);
        query.put("search_pattern", VonageSearchPlan.STARTS_WITH);
        VonageWire.OwnedNumbers page = api.get(credentials, VonageRequest.get("/account/numbers", query, Map.of()),
                VonageWire.OwnedNumbers.class, deadline);
        List<String> countries = CallingCodes.countriesOf(msisdn);
        // Vonage lists each owned number with its country; ZZ (ISO's "unknown") only for one it lists without.
        return exactly(page, msisdn, countries.isEmpty() ? "ZZ" : countries.getFirst());
    }

    /**
     * The number of a page whose msisdn is exactly this one (a starts-with pattern also finds longer numbers). A number
     * of no type Vonage names is taken as local: Vonage's landline, what it sells most.
     */
    private static Optional<AvailableNumber> exactly(VonageWire.Page<? extends VonageWire.Number> page, String msisdn,
            String country) {
        List<? extends VonageWire.Number> numbers = page.numbers() == null ? List.of() : page.numbers();
        return numbers.stream()
                .map(wire -> toNumber(wire, country, NumberType.LOCAL, false))
                .flatMap(Optional::stream)
                .filter(number -> number.phoneNumber().equals("+" + msisdn))
                .findFirst();
    }

    /** Vonage's success: a 2xx whose {@code error-code}, when it sends one, is {@code "200"}. */
    private static boolean succeeded(ProviderHttp.Answer answer) {
        return answer.status() >= 200 && answer.status() < 300
                && VonageApi.readError(answer.body()).numericCode().map(code -> code == 200).orElse(true);
    }

    /** Vonage's 420, "method failed", as a status or as the {@code error-code} of a 2xx. */
    private static boolean refused(ProviderHttp.Answer answer) {
        return answer.status() == 420 || (answer.status() >= 200 && answer.status() < 300
                && VonageApi.readError(answer.body()).numericCode().map(code -> code == 420).orElse(false));
    }

    private static SequencedMap<String, String> numberForm(String country, String msisdn) {
        SequencedMap<String, String> form = new LinkedHashMap<>();
        form.put("country", country);
        form.put("msisdn", msisdn);
        return form;
    }

    /** The msisdn of an E.164 number: its digits without {@code +}; empty for what is not an E.164 number. */
    private static Optional<String> msisdn(String phoneNumber) {
        var matcher = MSISDN.matcher(phoneNumber.strip());
        return matcher.matches() && phoneNumber.strip().startsWith("+") ? Optional.of(matcher.group(1))
                : Optional.empty();
    }

    private AvailableNumbersPage search(ProviderAccount account, AvailableNumberSearch search, boolean inventory,
            Deadline deadline) {
        ProviderCredentials.Vonage credentials = credentials(account);
        // Planned up front, the relaxed search included, so an unsupported filter fails before any call to Vonage.
        VonageSearchPlan exactPlan = plan(search, inventory);
        List<AvailableNumberSearch> relaxed = search.bestEffort() ? VonageSearchPlan.relaxations(search) : List.of();
        List<VonageSearchPlan> relaxedPlans = relaxed.stream().map(s -> plan(s, inventory)).toList();

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

    private static VonageSearchPlan plan(AvailableNumberSearch search, boolean inventory) {
        return inventory ? VonageSearchPlan.inventory(search) : VonageSearchPlan.owned(search);
    }

    /**
     * Reads Vonage's pages until one more match than the limit is found (which tells there are more), Vonage has no
     * further page, or the plan's page bound is reached. When Vonage applied every filter itself its {@code count} is
     * the number of matches and becomes the total.
     */
    private AvailableNumbersPage run(ProviderCredentials.Vonage credentials, AvailableNumberSearch search,
            VonageSearchPlan plan, boolean inventory, boolean bestEffort, Deadline deadline) {
        Map<String, AvailableNumber> matches = new LinkedHashMap<>();
        boolean rejectedAny = false;
        boolean moreAtVonage = false;
        @Nullable Long count = null;
        int listed = 0;
        for (int index = 1; index <= plan.maxPages(); index++) {
            VonageWire.Page<? extends VonageWire.Number> body = inventory
                    ? api.get(credentials, plan.page(index), VonageWire.AvailableNumbers.class, deadline)
                    : api.get(credentials, plan.page(index), VonageWire.OwnedNumbers.class, deadline);
            if (index == 1) {
                count = body.count();
            }
            List<? extends VonageWire.Number> numbers = body.numbers() == null ? List.of() : body.numbers();
            listed += numbers.size();
            for (VonageWire.Number wire : numbers) {
                // An owned number of no known type cannot be shown to match the type asked; one on sale was asked
                // for by type.
                Optional<AvailableNumber> number = toNumber(wire, search.country(), inventory ? search.type() : null,
                        bestEffort).filter(plan.check()::accepts);
                if (number.isPresent()) {
                    matches.putIfAbsent(number.get().phoneNumber(), number.get());
                } else {
                    rejectedAny = true;
                }
            }
            boolean lastPage = numbers.size() < plan.pageSize() || (count != null && listed >= count);
            moreAtVonage = !lastPage;
            if (matches.size() > search.limit() || lastPage) {
                break;
            }
        }
        List<AvailableNumber> found = new ArrayList<>(matches.values());
        List<AvailableNumber> page = found.subList(0, Math.min(found.size(), search.limit()));
        Long total = plan.exact() && !rejectedAny && count != null && count >= found.size() ? count : null;
        boolean hasMore = total != null ? total > page.size() : found.size() > search.limit() || moreAtVonage;
        return new AvailableNumbersPage(page, total, hasMore);
    }

    /**
     * The port's number for one of Vonage's.
     *
     * @param country the country when Vonage names none; null to take it from the calling code
     * @param type the type when Vonage names none (or none it has a word for); null to leave such a number out
     */
    private static Optional<AvailableNumber> toNumber(VonageWire.Number wire, @Nullable String country,
            @Nullable NumberType type, boolean bestEffort) {
        var msisdn = wire.msisdn() == null ? null : MSISDN.matcher(wire.msisdn().strip());
        if (msisdn == null || !msisdn.matches()) {
            return Optional.empty();
        }
        Optional<NumberType> reported = VonageWire.numberType(wire.type());
        if (reported.isEmpty() && type == null) {
            return Optional.empty();
        }
        Money price = null;
        if (wire instanceof VonageWire.AvailableNumber available && available.cost() != null
                && DECIMAL.matcher(available.cost().strip()).matches()) {
            price = new Money(available.cost().strip(), VonageWire.COST_CURRENCY);
        }
        return Optional.of(new AvailableNumber(
                "+" + msisdn.group(1),
                wire.country() == null || wire.country().isBlank()
                        ? (country != null ? country : CallingCodes.countryOf("+" + msisdn.group(1)).orElse("ZZ"))
                        : wire.country().strip().toUpperCase(Locale.ROOT),
                reported.orElse(type),
                null, // Vonage says nothing of region, locality or postal code
                null,
                null,
                VonageWire.capabilities(wire.features()),
                ADDRESS_REQUIREMENTS,
                price,
                bestEffort,
                null)); // Vonage has no id for an owned number: it names it by msisdn and country
    }

    private static ProviderCredentials.Vonage credentials(ProviderAccount account) {
        if (!(account.credentials() instanceof ProviderCredentials.Vonage vonage)) {
            throw new IllegalArgumentException("The Vonage adapter needs Vonage credentials, got "
                    + account.provider());
        }
        // Vonage would answer 401; saying so here spares the call.
        if (vonage.apiKey().isBlank() || vonage.apiSecret().isBlank()) {
            throw new ProviderFault.RejectedCredentials(VONAGE, "The Vonage API key or secret is empty");
        }
        return vonage;
    }
}
