package dev.switchboard.numbers;

import dev.switchboard.web.InvalidRequest;
import java.util.UUID;

/**
 * A request body names a resource the caller does not have (unknown, or another user's: the two answer alike).
 * Answered 422 naming the field, as the agents API answers its own body references (agents, prompts, voices): the request is what is wrong,
 * not the URL. Ids in the query string of a call (which number to read, update or cancel) answer 404 instead.
 */
final class BodyReference {

    private BodyReference() {}

    static InvalidRequest unknown(String field, String what, UUID id) {
        return new InvalidRequest(field, "no " + what + " " + id + " of yours");
    }
}
