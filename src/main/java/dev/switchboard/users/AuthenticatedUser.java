package dev.switchboard.users;

import jakarta.servlet.ServletRequest;
import java.util.Optional;
import java.util.UUID;

/** The caller of a {@code /v1} request, as proven by its bearer key. Controllers take it as a parameter. */
public record AuthenticatedUser(UUID id) {

    /**
     * The caller proven for this request, for web components that run after authentication but outside a
     * controller (e.g. an interceptor); empty before authentication or outside {@code /v1}.
     */
    public static Optional<AuthenticatedUser> of(ServletRequest request) {
        return request.getAttribute(AuthenticatedUser.class.getName()) instanceof AuthenticatedUser user
                ? Optional.of(user) : Optional.empty();
    }
}
