package dev.switchboard.numbers;

import dev.switchboard.agents.AgentView;
import dev.switchboard.connections.AccountConnectionService;
import dev.switchboard.connections.AccountConnectionView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Held numbers in the seed's item shape: the connection expanded (credentials masked), the answering agent expanded
 * with its name in {@code inbound_agent_name}, and {@code provider_details} as the provider described the number
 * when it was bought or linked. Agents come in one batch; connections once per distinct connection on the page.
 */
@Component
class NumberViews {

    private final AccountConnectionService connections;
    private final InboundAgents agents;
    private final RoutingRepository routes;

    NumberViews(AccountConnectionService connections, InboundAgents agents, RoutingRepository routes) {
        this.connections = connections;
        this.agents = agents;
        this.routes = routes;
    }

    PhoneNumberView view(HeldNumber number) {
        return views(number.userId(), List.of(number)).getFirst();
    }

    /** The user's numbers as views, in the given order. */
    List<PhoneNumberView> views(UUID userId, List<HeldNumber> numbers) {
        Map<UUID, AccountConnectionView> connectionViews = new HashMap<>();
        for (HeldNumber n : numbers) {
            connectionViews.computeIfAbsent(n.accountConnectionId(), id -> connections.get(userId, id).view());
        }
        Map<UUID, AgentView> agentViews = agents.expand(userId,
                numbers.stream().map(HeldNumber::inboundAgentId).filter(Objects::nonNull).distinct().toList());
        Map<UUID, RoutingState> routing = routes.findAll(numbers.stream().map(HeldNumber::id).toList());
        return numbers.stream().map(n -> {
            RoutingState state = routing.getOrDefault(n.id(), RoutingState.UNMANAGED);
            // Read in a second query: a drift check that found the number gone in between set both the status and
            // active false in one update, so the status read second speaks for both.
            HeldNumber shown = RoutingState.RELEASED_EXTERNALLY.equals(state.status()) && n.active()
                    ? n.inactive() : n;
            return view(shown, connectionViews.get(n.accountConnectionId()),
                    n.inboundAgentId() == null ? null : agentViews.get(n.inboundAgentId()), n.providerDetails(),
                    routing(n, state));
        }).toList();
    }

    /** A number's routing as the API shows it: the target in its provider's words. */
    static RoutingView routing(HeldNumber n, RoutingState state) {
        var provider = dev.switchboard.telephony.TelephonyProviderName.fromWireName(n.telephonyProvider());
        return new RoutingView(state.status(), state.target() == null || provider.isEmpty() ? null
                : state.target().describe(provider.get()), state.checkedAt(), state.detail());
    }

    /** A held number with the details a provider has just given (the available-numbers search). */
    static PhoneNumberView view(HeldNumber n, AccountConnectionView connection, @Nullable AgentView agent,
            @Nullable ProviderDetails details, @Nullable RoutingView routing) {
        return new PhoneNumberView(n.id(), n.userId(), n.phoneNumber(), n.active(), n.label(),
                agent == null ? null : agent.name(), n.outboundOnly(), context(n.exampleContext()), n.telephonyProvider(),
                connection, n.description(), agent, details, routing);
    }

    /**
     * {@code example_context} as the platform's SDK reads it, values strings or null: a value stored before that
     * rule (a number, an object) reads as its JSON text.
     */
    private static Map<String, Object> context(Map<String, Object> stored) {
        if (stored.values().stream().allMatch(v -> v == null || v instanceof String)) {
            return stored;
        }
        var strings = new java.util.LinkedHashMap<String, Object>();
        stored.forEach((k, v) -> strings.put(k, v == null || v instanceof String ? v : JSON.writeValueAsString(v)));
        return strings;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();
}
