package dev.switchboard.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A feature's own failure that maps straight to a problem detail: its type, status, detail and the
 * parameters it names. Lets a feature add a kind of error without the web layer depending on the feature.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final HttpStatus status;
    private final List<ParameterError> errors;

    protected ProblemException(ProblemType type, HttpStatus status, String detail, List<ParameterError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public List<ParameterError> errors() {
        return errors;
    }
}
