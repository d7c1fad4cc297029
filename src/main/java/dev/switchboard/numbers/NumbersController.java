package dev.switchboard.numbers;

import dev.switchboard.idempotency.IdempotencyKey;
import dev.switchboard.idempotency.Idempotent;
import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageRequest;
import dev.switchboard.web.RequestErrors;
import java.util.List;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The numbers a user holds, in the platform's RPC style: buy, link, list, get, update, cancel. */
@RestController
class NumbersController {

    private static final List<String> LIST_PARAMETERS = List.of("page", "size", "sort_column", "sort_desc");

    private final NumberService numbers;
    private final JsonMapper json;

    NumbersController(NumberService numbers, JsonMapper json) {
        this.numbers = numbers;
        this.json = json;
    }

    @Idempotent
    @PostMapping("/v1/numbers/buy")
    PhoneNumberView buy(AuthenticatedUser user, @RequestBody BuyNumberRequest request,
            @Nullable IdempotencyKey idempotencyKey) {
        return numbers.buy(user.id(), request, idempotencyKey);
    }

    @Idempotent
    @PostMapping("/v1/numbers/link")
    PhoneNumberView link(AuthenticatedUser user, @RequestBody LinkNumberRequest request) {
        return numbers.link(user.id(), request);
    }

    // The query is parsed by hand (an unknown or repeated parameter is a 422), so its parameters are declared here
    // for the API description.
    @Operation(summary = "Your numbers, a page at a time", parameters = {
        @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number, from 1",
                schema = @Schema(type = "integer", minimum = "1", defaultValue = "1")),
        @Parameter(name = "size", in = ParameterIn.QUERY, description = "Numbers per page",
                schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20")),
        @Parameter(name = "sort_column", in = ParameterIn.QUERY,
                description = "Sort key; ties are broken by id, so the order is stable",
                schema = @Schema(type = "string", allowableValues = {"created_at", "updated_at", "phone_number", "label"},
                        defaultValue = "created_at")),
        @Parameter(name = "sort_desc", in = ParameterIn.QUERY, description = "Sort in descending order",
                schema = @Schema(type = "boolean", defaultValue = "false"))})
    @GetMapping("/v1/numbers/list")
    Page<JsonNode> list(AuthenticatedUser user,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        RequestErrors errors = new RequestErrors();
        for (var entry : query.entrySet()) {
            if (!LIST_PARAMETERS.contains(entry.getKey())) {
                errors.add(entry.getKey(), "unknown parameter; expected any of " + LIST_PARAMETERS);
            } else if (entry.getValue().size() > 1) {
                errors.add(entry.getKey(), "given more than once");
            }
        }
        Integer page = integer(query, "page", errors);
        Integer size = integer(query, "size", errors);
        if (page != null && page < 1) {
            errors.add("page", "must be 1 or more");
            page = null;
        }
        if (size != null && (size < 1 || size > PageRequest.MAX_SIZE)) {
            errors.add("size", "must be between 1 and " + PageRequest.MAX_SIZE);
            size = null;
        }
        NumberSort.Column sort = NumberSort.Column.CREATED_AT;
        String column = query.getFirst("sort_column");
        if (column != null) {
            sort = NumberSort.named(NumberSort.Column.values(), column).orElse(null);
            if (sort == null) {
                errors.add("sort_column", "must be one of " + NumberSort.names(NumberSort.Column.values()));
                sort = NumberSort.Column.CREATED_AT;
            }
        }
        boolean descending = false;
        String desc = query.getFirst("sort_desc");
        if (desc != null) {
            if (desc.equals("true") || desc.equals("false")) {
                descending = Boolean.parseBoolean(desc);
            } else {
                errors.add("sort_desc", "must be true or false");
            }
        }
        errors.throwIfAny();
        return numbers.list(user.id(), PageRequest.of(page, size), sort, descending).map(this::normalized);
    }

    /**
     * A number as the platform's list answers it (the SDK's {@code NormalizedPhoneNumber}): {@code inbound_agent}
     * and {@code telephony_account_connection} by id, every other key as {@code get} answers it
     * ({@code inbound_agent_name} still names the agent). The SDK reads both as ids there.
     */
    private JsonNode normalized(PhoneNumberView number) {
        // through text: PhoneNumberJson writes the expanded objects as embedded values, which a tree keeps as POJOs
        ObjectNode node = (ObjectNode) json.readTree(json.writeValueAsString(number));
        for (String reference : new String[] {"inbound_agent", "telephony_account_connection"}) {
            JsonNode expanded = node.get(reference);
            if (expanded != null && expanded.isObject()) {
                node.put(reference, expanded.get("id").asString());
            }
        }
        return node;
    }

    @GetMapping("/v1/numbers")
    PhoneNumberView get(AuthenticatedUser user, @RequestParam("phone_number") String phoneNumber) {
        return numbers.get(user.id(), phoneNumber(phoneNumber));
    }

    // Read as JSON (not a record) to tell a field left out (kept) from one sent as null (cleared); the record below
    // describes the body for the API description.
    @PostMapping("/v1/numbers/update")
    PhoneNumberView update(AuthenticatedUser user, @RequestParam("phone_number") String phoneNumber,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "Fields to change: a field left out "
                    + "stays, null clears label, description and inbound_agent and empties example_context",
                    content = @Content(schema = @Schema(implementation = NumberChanges.class)))
            @RequestBody JsonNode body) {
        return numbers.update(user.id(), phoneNumber(phoneNumber), body);
    }

    @PostMapping("/v1/numbers/cancel")
    PhoneNumberView cancel(AuthenticatedUser user, @RequestParam("phone_number") String phoneNumber,
            @RequestBody(required = false) @Nullable Map<String, Object> body) {
        noBody(body, "cancel");
        return numbers.cancel(user.id(), phoneNumber(phoneNumber));
    }

    /**
     * Points the number again where Switchboard means it to point (after {@code routing.status} drifted or failed,
     * or a change of configuration). Idempotent, like the other number POSTs; takes no body.
     */
    @Idempotent
    @PostMapping("/v1/numbers/reroute")
    PhoneNumberView reroute(AuthenticatedUser user, @RequestParam("phone_number") String phoneNumber,
            @RequestBody(required = false) @Nullable Map<String, Object> body) {
        noBody(body, "reroute");
        return numbers.reroute(user.id(), phoneNumber(phoneNumber));
    }

    /** A call that takes no body: every field sent is a 422 naming it. */
    private static void noBody(@Nullable Map<String, Object> body, String call) {
        if (body != null && !body.isEmpty()) {
            RequestErrors errors = new RequestErrors();
            body.keySet().forEach(field -> errors.add(field, "unknown field; " + call + " takes no body"));
            errors.throwIfAny();
        }
    }

    private static String phoneNumber(String value) {
        RequestErrors errors = new RequestErrors();
        String number = PhoneNumbers.parse("phone_number", value, errors);
        errors.throwIfAny();
        return java.util.Objects.requireNonNull(number);
    }

    private static @Nullable Integer integer(MultiValueMap<String, String> query, String name, RequestErrors errors) {
        String value = query.getFirst(name);
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{1,9}")) {
            errors.add(name, "must be a whole number");
            return null;
        }
        return Integer.parseInt(value);
    }

    /** The body of {@code POST /v1/numbers/update}, for the API description only. */
    @Schema(name = "NumberChanges")
    record NumberChanges(
            @Schema(nullable = true, maxLength = 200) @Nullable String label,
            @Schema(nullable = true, description = "Id of one of your agents") @Nullable UUID inboundAgent,
            @Nullable Boolean outboundOnly,
            @Schema(nullable = true) @Nullable Map<String, Object> exampleContext,
            @Schema(nullable = true) @Nullable String description) {}
}
