package dev.switchboard.numbers;

import dev.switchboard.agents.AgentRequest;
import dev.switchboard.agents.AgentService;
import dev.switchboard.agents.AgentView;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ParameterError;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The agents that answer numbers, through the agents feature's public service (never its tables). */
@Component
class InboundAgents {

    private final AgentService agents;

    InboundAgents(AgentService agents) {
        this.agents = agents;
    }

    /** The caller's agent; another user's or an unknown one is refused as a bad reference in the body. */
    AgentView require(UUID userId, UUID agentId, String field) {
        return agents.find(userId, agentId).orElseThrow(() -> BodyReference.unknown(field, "agent", agentId));
    }

    /** Refuses an inline agent create would refuse, naming its fields under {@code field}; creates nothing. */
    void check(UUID userId, AgentRequest inline, String field) {
        try {
            agents.checkCreate(userId, inline);
        } catch (InvalidRequest invalid) {
            throw under(field, invalid);
        }
    }

    /**
     * Creates an inline agent as {@code POST /v1/agents/create} would; called inside the transaction that records
     * the number, so the two are committed together or not at all.
     */
    UUID create(UUID userId, AgentRequest inline, String field) {
        try {
            return agents.create(userId, inline).id();
        } catch (InvalidRequest invalid) {
            throw under(field, invalid);
        }
    }

    private static InvalidRequest under(String field, InvalidRequest invalid) {
        return new InvalidRequest(invalid.errors().stream()
                .map(e -> new ParameterError(field + "." + e.parameter(), e.message()))
                .toList());
    }

    /** The caller's agents among these ids, expanded, in one batch. */
    Map<UUID, AgentView> expand(UUID userId, Collection<UUID> ids) {
        return ids.isEmpty() ? Map.of() : agents.expand(userId, ids);
    }
}
