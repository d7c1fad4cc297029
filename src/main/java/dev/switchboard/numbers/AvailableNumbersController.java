package dev.switchboard.numbers;

import dev.switchboard.users.AuthenticatedUser;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/numbers/available}: the seed endpoint. */
@RestController
class AvailableNumbersController {

    private final AvailableNumbersService service;

    AvailableNumbersController(AvailableNumbersService service) {
        this.service = service;
    }

    @GetMapping("/v1/numbers/available")
    AvailableNumbersResponse available(AuthenticatedUser user, @RequestParam MultiValueMap<String, String> query) {
        return service.search(user.id(), AvailableNumberQueryParser.parse(query));
    }
}
