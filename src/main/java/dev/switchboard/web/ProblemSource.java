package dev.switchboard.web;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure of another module that says itself which problem it answers a request with, so that {@link
 * ProblemHandler} answers it without depending on that module's types (the telephony faults, say). For a failure
 * that is only a type, status, detail and the parameters it names, {@link ProblemException} is simpler.
 */
public interface ProblemSource {

    /** The problem this failure answers a request with. */
    Problem problem();

    /**
     * One problem detail, before the handler adds what every problem carries ({@code type} URI, {@code title},
     * {@code request_id}).
     *
     * @param properties further members of the problem detail, in order ({@code provider}, {@code errors}, ...)
     * @param retryAfter when the client may try again ({@code Retry-After}, whole seconds, at least 1); null for none
     * @param warning a line the handler logs as a warning when it answers; null for none
     */
    record Problem(
            ProblemType type,
            HttpStatus status,
            String detail,
            Map<String, Object> properties,
            @Nullable Duration retryAfter,
            @Nullable String warning) {

        public Problem {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties)); // in the order given
        }

        public Problem(ProblemType type, HttpStatus status, String detail) {
            this(type, status, detail, new LinkedHashMap<>(), null, null);
        }

        /** This problem with one more member. */
        public Problem with(String property, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(properties);
            more.put(property, value);
            return new Problem(type, status, detail, more, retryAfter, warning);
        }

        /** This problem telling the client when to try again. */
        public Problem retryAfter(Duration after) {
            return new Problem(type, status, detail, properties, after, warning);
        }

        /** This problem logged as a warning when answered. */
        public Problem warning(String line) {
            return new Problem(type, status, detail, properties, retryAfter, line);
        }
    }
}
