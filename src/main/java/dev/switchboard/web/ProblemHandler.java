package dev.switchboard.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception that reaches the web layer into an RFC 9457 problem detail with a stable type.
 * Details are written for the caller: they name what to fix and never carry a stack trace, SQL or secret.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<ProblemDetail> unauthenticated(Unauthenticated e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem(ProblemType.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED, e.getMessage()));
    }

    @ExceptionHandler(ResourceNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFound e) {
        return respond(problem(ProblemType.NOT_FOUND, HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict e) {
        return respond(problem(ProblemType.CONFLICT, HttpStatus.CONFLICT, e.getMessage()));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> featureProblem(ProblemException e) {
        ProblemDetail p = problem(e.type(), e.status(), e.getMessage());
        if (!e.errors().isEmpty()) {
            p.setProperty("errors", e.errors());
        }
        return respond(p);
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequests e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e.retryAfter()));
        e.headers().forEach(answer::header);
        return answer.body(problem(e.type(), e.status(), e.getMessage()));
    }

    /** A failure of another module that knows its own problem (the telephony faults): see {@link ProblemSource}. */
    private ResponseEntity<ProblemDetail> answer(ProblemSource.Problem problem) {
        if (problem.warning() != null) {
            log.warn("{}", problem.warning());
        }
        ProblemDetail p = problem(problem.type(), problem.status(), problem.detail());
        problem.properties().forEach(p::setProperty);
        if (problem.retryAfter() != null) {
            return ResponseEntity.status(problem.status())
                    .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(problem.retryAfter()))
                    .body(p);
        }
        return respond(p);
    }

    /**
     * What this handler answers when {@code failure} ends a request, for a feature that reports a failure inside a
     * larger answer rather than ending with it (a search across accounts reports each connection's failure as the
     * search of that one connection would have answered it).
     */
    public ResponseEntity<ProblemDetail> answerFor(RuntimeException failure) {
        return switch (failure) {
            case ProblemSource source -> answer(source.problem());
            case ProblemException p -> featureProblem(p);
            case ResourceNotFound n -> notFound(n);
            case Conflict c -> conflict(c);
            default -> unexpected(failure);
        };
    }

    /**
     * The client went away before its answer was written (it gave up waiting, or a load test ended): nothing can
     * reach it, and it is no failure of Switchboard's, so neither an answer nor an error with a stack trace.
     */
    @ExceptionHandler({AsyncRequestNotUsableException.class, HttpMessageNotWritableException.class})
    @Nullable ResponseEntity<ProblemDetail> clientGone(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AsyncRequestNotUsableException) {
                log.debug("The client went away before its answer was written");
                return null;
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return featureProblem(problem); // e.g. the body streamed past the size limit while it was parsed
            }
        }
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return validation(List.of(new ParameterError(jsonPath(u), "unknown field")));
        }
        if (cause instanceof StreamReadException) {
            return validation(List.of(new ParameterError("body", "the body is not valid JSON")));
        }
        if (cause instanceof JacksonException j && !j.getPath().isEmpty()) {
            return validation(List.of(new ParameterError(jsonPath(j), "has the wrong type or format")));
        }
        if (cause instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            // thrown by a request record's compact constructor; its message is written for the caller
            return validation(List.of(new ParameterError("body", iae.getMessage())));
        }
        return validation(List.of(new ParameterError("body", "a JSON object body is required")));
    }

    /** Tomcat could not decode the query string (e.g. {@code %ZZ}): name what the client must fix. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(org.apache.tomcat.util.http.InvalidParameterException e) {
        return validation(List.of(new ParameterError("query",
                "is not valid percent-encoding: encode each parameter value (e.g. curl --data-urlencode)")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return validation(List.of(new ParameterError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return validation(List.of(new ParameterError(e.getHeaderName(), "header is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return validation(List.of(new ParameterError(e.getName(), "must be " + expected)));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(problem(ProblemType.NOT_FOUND, HttpStatus.NOT_FOUND,
                "No endpoint " + e.getHttpMethod() + " /" + e.getResourcePath()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
        if (e.getSupportedHttpMethods() != null) {
            builder.allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new));
        }
        return builder.body(problem(ProblemType.METHOD_NOT_ALLOWED, HttpStatus.METHOD_NOT_ALLOWED,
                e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Send the body as application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(problem(ProblemType.NOT_ACCEPTABLE, HttpStatus.NOT_ACCEPTABLE,
                "Switchboard answers application/json"));
    }

    /**
     * The database failed: unreachable, down, or dropped the connection mid-request. Opening or ending a transaction
     * fails outside Spring's data-access exceptions ({@code CannotCreateTransactionException}, {@code
     * TransactionSystemException}), so those are the same 503. An outage fails every request: one line each, the
     * stack trace only for a failure that is not the connection's.
     */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class,
        org.springframework.transaction.CannotCreateTransactionException.class,
        org.springframework.transaction.TransactionSystemException.class})
    ResponseEntity<ProblemDetail> database(RuntimeException e) {
        if (e instanceof org.springframework.dao.DataAccessResourceFailureException
                || e instanceof org.springframework.transaction.TransactionException) {
            log.warn("database unavailable: {}: {}", e.getClass().getSimpleName(),
                    org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e).toString());
        } else {
            log.error("database failure", e);
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(ProblemType.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                        "Switchboard's database is unavailable; retry shortly."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ProblemSource source) {
            // an interface, which @ExceptionHandler cannot name: no more specific handler matches such a failure
            return answer(source.problem());
        }
        if (e instanceof ErrorResponse spring) {
            // Spring's own web exceptions not handled above keep their status, with our problem shape.
            HttpStatusCode status = spring.getStatusCode();
            ProblemType type = status.value() == 404 ? ProblemType.NOT_FOUND
                    : status.is4xxClientError() ? ProblemType.VALIDATION : ProblemType.INTERNAL;
            return respond(problem(type, status, spring.getBody().getDetail()));
        }
        log.error("unexpected failure", e);
        return respond(problem(ProblemType.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote the X-Request-Id when reporting it."));
    }

    private ResponseEntity<ProblemDetail> validation(List<ParameterError> errors) {
        return featureProblem(new InvalidRequest(errors));
    }

    private static ProblemDetail problem(ProblemType type, HttpStatusCode status, @Nullable String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail == null ? type.title() : detail);
        p.setType(type.uri());
        p.setTitle(type.title());
        String requestId = RequestIds.current();
        if (requestId != null) {
            p.setProperty("request_id", requestId);
        }
        return p;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).body(ValidationDetail.apply(p));
    }

    private static String retryAfterSeconds(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return Long.toString(seconds);
    }

    /** The dotted path of the JSON value a Jackson error is about, e.g. {@code credentials.twilio_auth_token}. */
    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "a valid " + type.getSimpleName();
    }

}
