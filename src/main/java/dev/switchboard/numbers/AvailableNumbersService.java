package dev.switchboard.numbers;

import dev.switchboard.agents.AgentView;
import dev.switchboard.connections.AccountConnection;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.connections.AccountConnectionView;
import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.NumberSource;
import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.web.InvalidRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Answers {@code GET /v1/numbers/available} in a straight line: load the caller's connection, check it
 * matches the provider named, ask the provider through the port, map to the seed's item shape.
 */
@Service
class AvailableNumbersService {

    private final AccountConnectionService connections;
    private final TelephonyProviders providers;
    private final HeldNumberRepository heldNumbers;
    private final InboundAgents agents;
    private final PriceConversion prices;

    AvailableNumbersService(AccountConnectionService connections, TelephonyProviders providers,
            HeldNumberRepository heldNumbers, InboundAgents agents, PriceConversion prices) {
        this.connections = connections;
        this.providers = providers;
        this.heldNumbers = heldNumbers;
        this.agents = agents;
        this.prices = prices;
    }

    AvailableNumbersResponse search(UUID userId, AvailableNumberQuery query) {
        AccountConnection connection = connections.get(userId, query.connectionId());
        if (connection.type().provider() != query.provider()) {
            throw new InvalidRequest("telephony_provider", "is " + query.provider() + " but account connection "
                    + connection.id() + " is " + connection.type() + "; use telephony_provider="
                    + connection.type().provider());
        }
        TelephonyProvider provider = providers.find(query.provider()).orElseThrow(() -> new InvalidRequest(
                "telephony_provider", query.provider() + " is not enabled on this Switchboard"));
        var search = query.search();
        AvailableNumbersPage page = search.source() == NumberSource.INVENTORY
                ? provider.searchInventory(connection.providerAccount(), search)
                : provider.searchOwned(connection.providerAccount(), search);

        AccountConnectionView connectionView = connection.view();
        Map<String, HeldNumber> held = search.source() == NumberSource.ACCOUNT
                ? heldNumbers.findHeld(userId, connection.id(), page.numbers().stream().map(AvailableNumber::phoneNumber).toList())
                        .stream().collect(Collectors.toMap(HeldNumber::phoneNumber, Function.identity()))
                : Map.of();
        Map<UUID, AgentView> agentViews = agents.expand(userId, held.values().stream()
                .map(HeldNumber::inboundAgentId).filter(java.util.Objects::nonNull).distinct().toList());
        // with a sort, every number the provider answered is ranked before the limit cuts; without, its order stays
        var views = page.numbers().stream()
                .map(n -> view(n, held.get(n.phoneNumber()), connectionView, agentViews, query));
        List<PhoneNumberView> items = (query.sort() == null ? views : views.sorted(NumberRanking.by(query.sort())))
                .limit(search.limit())
                .toList();
        long total = page.providerTotal() != null ? page.providerTotal() : items.size();
        return new AvailableNumbersResponse(items, total, 1, search.limit(),
                page.hasMore() || page.numbers().size() > items.size(), page.providerTotal() == null);
    }

    private PhoneNumberView view(AvailableNumber number, @Nullable HeldNumber held,
            AccountConnectionView connection, Map<UUID, AgentView> agents, AvailableNumberQuery query) {
        ConvertedPrice converted = prices.convert(number.monthlyPrice(), number.setupPrice());
        if (held == null) {
            return inventoryView(number, query.provider(), connection, converted);
        }
        ProviderDetails details = ProviderDetails.of(query.provider(), number, converted);
        return NumberViews.view(held, connection,
                held.inboundAgentId() == null ? null : agents.get(held.inboundAgentId()), details, null);
    }

    /** A number a search found that Switchboard does not hold: the seed's item with what the provider says of it. */
    static PhoneNumberView inventoryView(AvailableNumber number, TelephonyProviderName provider,
            AccountConnectionView connection, @Nullable ConvertedPrice converted) {
        return new PhoneNumberView(null, null, number.phoneNumber(), false, null, null, false, Map.of(),
                provider.wireName(), connection, null, null, ProviderDetails.of(provider, number, converted), null);
    }
}
