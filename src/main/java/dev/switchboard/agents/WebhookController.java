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

/** The webhook calls of the API, in the platform's RPC style. */
@RestController
@RequestMapping("/v1/webhooks")
class WebhookController {

    private final WebhookService service;

    WebhookController(WebhookService service) {
        this.service = service;
    }

    @PostMapping("/create")
    WebhookAnswer create(AuthenticatedUser user, @RequestBody WebhookRequest request) {
        return service.create(user.id(), request);
    }

    @GetMapping
    WebhookView get(AuthenticatedUser user, @RequestParam("id") String id) {
        return service.get(user.id(), Ids.parse("id", id));
    }

    @GetMapping("/list")
    Page<WebhookView> list(AuthenticatedUser user, @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(name = "sort_column", required = false) @Nullable String sortColumn,
            @RequestParam(name = "sort_desc", required = false) @Nullable Boolean sortDesc) {
        return service.list(user.id(), PageRequest.of(page, size, sortColumn, sortDesc));
    }

    @PostMapping("/update")
    WebhookAnswer update(AuthenticatedUser user, @RequestParam("id") String id, @RequestBody WebhookRequest request) {
        return service.update(user.id(), Ids.parse("id", id), request);
    }
}
