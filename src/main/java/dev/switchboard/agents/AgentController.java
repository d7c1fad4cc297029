package dev.switchboard.agents;

import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.Ids;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agent calls of the API, in the platform's RPC style. */
@RestController
@RequestMapping("/v1/agents")
class AgentController {

    private final AgentService agents;
    private final JsonMapper json;

    AgentController(AgentService agents, JsonMapper json) {
        this.agents = agents;
        this.json = json;
    }

    @PostMapping("/create")
    AgentView create(AuthenticatedUser user, @RequestBody AgentRequest request) {
        return agents.create(user.id(), request);
    }

    @GetMapping
    AgentView get(AuthenticatedUser user, @RequestParam("id") String id) {
        return agents.get(user.id(), Ids.parse("id", id));
    }

    @GetMapping("/list")
    Page<JsonNode> list(AuthenticatedUser user, @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(name = "sort_column", required = false) @Nullable String sortColumn,
            @RequestParam(name = "sort_desc", required = false) @Nullable Boolean sortDesc) {
        return agents.list(user.id(), PageRequest.of(page, size, sortColumn, sortDesc)).map(this::normalized);
    }

    @PostMapping("/update")
    AgentView update(AuthenticatedUser user, @RequestParam("id") String id, @RequestBody AgentRequest request) {
        return agents.update(user.id(), Ids.parse("id", id), request);
    }

    /**
     * An agent as the platform's list answers it (the SDK's {@code NormalizedAgent}): what it references by id
     * ({@code prompt}, {@code voice}, {@code webhook}, {@code openai_account_connection}, {@code actions}), every
     * other key as {@code get} answers it. The SDK reads {@code voice} and {@code actions} there as ids only.
     */
    private JsonNode normalized(AgentView agent) {
        ObjectNode node = (ObjectNode) json.valueToTree(agent);
        for (String reference : new String[] {"prompt", "voice", "webhook", "openai_account_connection"}) {
            JsonNode expanded = node.get(reference);
            if (expanded != null && expanded.isObject()) {
                node.put(reference, expanded.get("id").asString());
            }
        }
        ArrayNode ids = node.putArray("actions");
        agent.actions().forEach(a -> ids.add(a.id().toString()));
        return node;
    }
}
