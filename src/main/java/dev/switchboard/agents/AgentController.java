package dev.switchboard.agents;

import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.Ids;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import org.jspecify.annotations.Nullable;
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

    AgentController(AgentService agents) {
        this.agents = agents;
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
    Page<AgentView> list(AuthenticatedUser user, @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size) {
        return agents.list(user.id(), PageRequest.of(page, size));
    }

    @PostMapping("/update")
    AgentView update(AuthenticatedUser user, @RequestParam("id") String id, @RequestBody AgentRequest request) {
        return agents.update(user.id(), Ids.parse("id", id), request);
    }
}
