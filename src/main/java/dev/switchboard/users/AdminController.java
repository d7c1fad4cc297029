package dev.switchboard.users;

import dev.switchboard.SwitchboardProperties;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Unauthenticated;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's endpoint that creates users. It exists only when {@code SWITCHBOARD_ADMIN_TOKEN} is set,
 * and answers only to that token.
 */
@RestController
@ConditionalOnExpression("'${switchboard.admin-token:}' != ''")
class AdminController {

    private final UserService users;
    private final byte[] adminToken;

    AdminController(UserService users, SwitchboardProperties properties) {
        this.users = users;
        this.adminToken = Objects.requireNonNull(properties.adminToken()).getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/admin/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedUser createUser(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestBody @Nullable CreateUserRequest request) {
        byte[] given = BearerAuthentication.bearerToken(authorization).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, adminToken)) {
            throw new Unauthenticated("The bearer token is not the admin token");
        }
        if (request == null || request.email() == null) {
            throw new InvalidRequest("email", "is required");
        }
        UserService.NewUser created = users.createUser(request.email());
        return new CreatedUser(created.userId(), created.apiKey());
    }

    record CreateUserRequest(@Nullable String email) {}

    record CreatedUser(UUID userId, String apiKey) {
        @Override
        public String toString() {
            return "CreatedUser[userId=" + userId + ", apiKey=****]";
        }
    }
}
