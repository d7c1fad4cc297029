package dev.switchboard.connections;

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

/** The account-connection calls of the API, in the platform's RPC style. */
@RestController
@RequestMapping("/v1/account_connections")
class AccountConnectionController {

    private final AccountConnectionService connections;

    AccountConnectionController(AccountConnectionService connections) {
        this.connections = connections;
    }

    @PostMapping("/create")
    AccountConnectionView create(AuthenticatedUser user, @RequestBody CreateAccountConnectionRequest request) {
        return connections.create(user.id(), request).view();
    }

    @GetMapping
    AccountConnectionView get(AuthenticatedUser user, @RequestParam("id") String id) {
        return connections.get(user.id(), Ids.parse("id", id)).view();
    }

    @GetMapping("/list")
    Page<AccountConnectionView> list(AuthenticatedUser user, @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(name = "sort_column", required = false) @Nullable String sortColumn,
            @RequestParam(name = "sort_desc", required = false) @Nullable Boolean sortDesc) {
        return connections.list(user.id(), PageRequest.of(page, size, sortColumn, sortDesc)).map(AccountConnection::view);
    }

    @PostMapping("/update")
    AccountConnectionView update(AuthenticatedUser user, @RequestParam("id") String id,
            @RequestBody UpdateAccountConnectionRequest request) {
        return connections.update(user.id(), Ids.parse("id", id), request).view();
    }

    /**
     * The platform SDK's {@code add_to_steering_pool}: {@code {"phone_number": "+1..."}} (its body is optional in
     * the SDK, the number is not here) joins the connection's {@code steering_pool}; a number already in it stays
     * once. Answers the connection.
     */
    @PostMapping("/add_to_steering_pool")
    AccountConnectionView addToSteeringPool(AuthenticatedUser user, @RequestParam("id") String id,
            @RequestBody(required = false) @Nullable SteeringPoolChange body) {
        return connections.changeSteeringPool(user.id(), Ids.parse("id", id), body == null ? null : body.phoneNumber(),
                true).view();
    }

    /** The platform SDK's {@code remove_from_steering_pool}: the number leaves the pool (absent: nothing changes). */
    @PostMapping("/remove_from_steering_pool")
    AccountConnectionView removeFromSteeringPool(AuthenticatedUser user, @RequestParam("id") String id,
            @RequestBody(required = false) @Nullable SteeringPoolChange body) {
        return connections.changeSteeringPool(user.id(), Ids.parse("id", id), body == null ? null : body.phoneNumber(),
                false).view();
    }

    /** Body of the steering-pool calls. */
    record SteeringPoolChange(@Nullable String phoneNumber) {}
}
