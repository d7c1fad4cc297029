package dev.switchboard.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** The request is malformed; answered 422 with one {@link ParameterError} per problem found. */
public final class InvalidRequest extends ProblemException {

    public InvalidRequest(List<ParameterError> errors) {
        super(ProblemType.VALIDATION, HttpStatus.UNPROCESSABLE_CONTENT, detail(errors), errors);
    }

    public InvalidRequest(String parameter, String message) {
        this(List.of(new ParameterError(parameter, message)));
    }

    private static String detail(List<ParameterError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one error");
        }
        return errors.size() == 1 ? errors.getFirst().parameter() + ": " + errors.getFirst().message()
                : errors.size() + " parameters are invalid; see errors";
    }
}
