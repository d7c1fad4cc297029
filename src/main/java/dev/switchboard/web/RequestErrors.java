package dev.switchboard.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one request, so the caller learns all of them from a single 422. */
public final class RequestErrors {

    private final List<ParameterError> errors = new ArrayList<>();

    public void add(String parameter, String message) {
        errors.add(new ParameterError(parameter, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws {@link InvalidRequest} naming every problem collected, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }
}
