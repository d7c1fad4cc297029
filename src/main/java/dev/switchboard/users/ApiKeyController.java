package dev.switchboard.users;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own API keys: add one (its value shown once), list them masked, revoke one. Rotating a key is
 * create, switch the client over, revoke the old one.
 */
@RestController
class ApiKeyController {

    private final UserService users;

    ApiKeyController(UserService users) {
        this.users = users;
    }

    @PostMapping("/v1/api_keys/create")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedApiKey create(AuthenticatedUser user) {
        UserService.NewApiKey created = users.createApiKey(user.id());
        var key = created.key();
        return new CreatedApiKey(key.id(), created.apiKey(), key.maskedKey(), key.active(), key.createdAt());
    }

    @GetMapping("/v1/api_keys/list")
    ApiKeys list(AuthenticatedUser user) {
        return new ApiKeys(users.listApiKeys(user.id()));
    }

    @PostMapping("/v1/api_keys/revoke")
    UserService.ApiKeyView revoke(AuthenticatedUser user, @RequestParam("id") UUID id) {
        return users.revokeApiKey(user.id(), id);
    }

    /** @param apiKey the key itself: shown in this answer only, never again */
    record CreatedApiKey(UUID id, String apiKey, String maskedKey, boolean active, java.time.Instant createdAt) {
        @Override
        public String toString() {
            return "CreatedApiKey[id=" + id + ", apiKey=****]";
        }
    }

    record ApiKeys(List<UserService.ApiKeyView> items) {}
}
