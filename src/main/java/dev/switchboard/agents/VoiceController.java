package dev.switchboard.agents;

import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.Ids;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The voice calls of the API, in the platform's RPC style. */
@RestController
@RequestMapping("/v1/voices")
class VoiceController {

    private final VoiceService service;

    VoiceController(VoiceService service) {
        this.service = service;
    }

    @PostMapping("/create")
    VoiceView create(AuthenticatedUser user, @RequestBody Map<String, @Nullable Object> body) {
        return service.create(user.id(), new VoiceRequest(body));
    }

    @GetMapping
    VoiceView get(AuthenticatedUser user, @RequestParam("id") String id) {
        return service.get(user.id(), Ids.parse("id", id));
    }

    @GetMapping("/list")
    Page<VoiceView> list(AuthenticatedUser user, @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(name = "sort_column", required = false) @Nullable String sortColumn,
            @RequestParam(name = "sort_desc", required = false) @Nullable Boolean sortDesc) {
        return service.list(user.id(), PageRequest.of(page, size, sortColumn, sortDesc));
    }

    @PostMapping("/update")
    VoiceView update(AuthenticatedUser user, @RequestParam("id") String id, @RequestBody Map<String, @Nullable Object> body) {
        return service.update(user.id(), Ids.parse("id", id), new VoiceRequest(body));
    }
}
