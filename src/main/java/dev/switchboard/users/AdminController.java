package dev.switchboard.users;

import dev.switchboard.SwitchboardProperties;
import dev.switchboard.limits.RequestBudgets;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator's endpoints: create a user, disable one. They exist only when {@code SWITCHBOARD_ADMIN_TOKEN} is set,
 * and answer only to that token, which an interceptor checks before anything of the request is read; wrong tokens
 * count against the client address's failed authentications like wrong API keys.
 */
@RestController
@ConditionalOnExpression("'${switchboard.admin-token:}' != ''")
class AdminController implements HandlerInterceptor, WebMvcConfigurer {

    private final UserService users;
    private final RequestBudgets budgets;
    private final byte[] adminToken;

    AdminController(UserService users, RequestBudgets budgets, SwitchboardProperties properties) {
        this.users = users;
        this.budgets = budgets;
        this.adminToken = Objects.requireNonNull(properties.adminToken()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**").order(Integer.MIN_VALUE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String address = request.getRemoteAddr();
        budgets.checkAddress(address);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String given = header == null ? "" : header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken)) {
            budgets.failedAuthentication(address);
            BearerAuthentication.bearerToken(header); // names what is wrong with the header, if anything
            throw new Unauthenticated("The bearer token is not the admin token");
        }
        return true;
    }

    @PostMapping("/admin/v1/users")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedUser createUser(@RequestBody @Nullable CreateUserRequest request) {
        if (request == null || request.email() == null) {
            throw new InvalidRequest("email", "is required");
        }
        UserService.NewUser created = users.createUser(request.email());
        return new CreatedUser(created.userId(), created.apiKey());
    }

    /** Disables a user: every key it has is revoked, so its next call answers 401. */
    @PostMapping("/admin/v1/users/disable")
    DisabledUser disableUser(@RequestParam("id") UUID id) {
        return new DisabledUser(id, users.disableUser(id));
    }

    record CreateUserRequest(@Nullable String email) {}

    record CreatedUser(UUID userId, String apiKey) {
        @Override
        public String toString() {
            return "CreatedUser[userId=" + userId + ", apiKey=****]";
        }
    }

    /** @param revokedKeys how many active keys the user had, all revoked now */
    record DisabledUser(UUID userId, int revokedKeys) {}
}
