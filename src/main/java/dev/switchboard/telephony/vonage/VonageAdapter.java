package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Money;
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
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Vonage adapter: lists the numbers on sale to a Vonage account ({@code GET /number/search}) and the numbers it
 * owns ({@code GET /account/numbers}) through Vonage's Numbers API, with the account's own API key and secret on
 * each call.
 */
@Component
public class VonageAdapter implements TelephonyProvider, AutoCloseable {

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
    private final Duration timeout;

    @Autowired
    public VonageAdapter(ProvidersProperties properties) {
        this(properties, Clock.systemUTC());
    }

    VonageAdapter(ProvidersProperties properties, Clock clock) {
        this.timeout = properties.timeout();
        this.api = new VonageApi(properties.vonage().baseUrl(), properties.timeout(), clock);
    }

    @Override
    public TelephonyProviderName name() {
        return VONAGE;
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
        ProviderCredentials.Vonage credentials = credentials(account);
        // Planned up front, the relaxed search included, so an unsupported filter fails before any call to Vonage.
        VonageSearchPlan exactPlan = plan(search, inventory);
        List<AvailableNumberSearch> relaxed = search.bestEffort() ? VonageSearchPlan.relaxations(search) : List.of();
        List<VonageSearchPlan> relaxedPlans = relaxed.stream().map(s -> plan(s, inventory)).toList();

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
                Optional<AvailableNumber> number = toNumber(wire, search, inventory, bestEffort)
                        .filter(plan.check()::accepts);
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

    private static Optional<AvailableNumber> toNumber(VonageWire.Number wire, AvailableNumberSearch search,
            boolean inventory, boolean bestEffort) {
        var msisdn = wire.msisdn() == null ? null : MSISDN.matcher(wire.msisdn().strip());
        if (msisdn == null || !msisdn.matches()) {
            return Optional.empty();
        }
        Optional<NumberType> type = VonageWire.numberType(wire.type());
        // Numbers on sale were asked for by type; an owned number of no known type cannot be shown to match one.
        if (type.isEmpty() && !inventory) {
            return Optional.empty();
        }
        String country = wire.country() == null || wire.country().isBlank()
                ? search.country()
                : wire.country().strip().toUpperCase(Locale.ROOT);
        Money price = null;
        if (wire instanceof VonageWire.AvailableNumber available && available.cost() != null
                && DECIMAL.matcher(available.cost().strip()).matches()) {
            price = new Money(available.cost().strip(), VonageWire.COST_CURRENCY);
        }
        return Optional.of(new AvailableNumber(
                "+" + msisdn.group(1),
                country,
                type.orElse(search.type()),
                null, // Vonage says nothing of region, locality or postal code
                null,
                null,
                VonageWire.capabilities(wire.features()),
                ADDRESS_REQUIREMENTS,
                price,
                bestEffort,
                // Vonage has no id for an owned number: it names it by its msisdn (with its country) everywhere.
                inventory ? null : msisdn.group(1)));
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
