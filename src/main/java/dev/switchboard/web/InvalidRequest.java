package dev.switchboard.web;

import java.util.List;

/** The request is malformed; answered 422 with one {@link ParameterError} per problem found. */
public final class InvalidRequest extends RuntimeException {

    private final List<ParameterError> errors;

    public InvalidRequest(List<ParameterError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.getFirst().parameter() + ": " + errors.getFirst().message(),
                null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public InvalidRequest(String parameter, String message) {
        this(List.of(new ParameterError(parameter, message)));
    }

    public List<ParameterError> errors() {
        return errors;
    }
}
