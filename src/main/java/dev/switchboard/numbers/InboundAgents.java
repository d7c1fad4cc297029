package dev.switchboard.numbers;

import dev.switchboard.agents.AgentService;
import dev.switchboard.agents.AgentView;
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

    /** The caller's agents among these ids, expanded, in one batch. */
    Map<UUID, AgentView> expand(UUID userId, Collection<UUID> ids) {
        return ids.isEmpty() ? Map.of() : agents.expand(userId, ids);
    }
}
