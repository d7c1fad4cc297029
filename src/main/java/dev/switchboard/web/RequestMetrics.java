package dev.switchboard.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@code http.server.requests} timer, recorded by {@link Edge} when a request ends, with the name, tags and values
 * Spring's observation filter gave it ({@code error}, {@code exception}, {@code method}, {@code outcome},
 * {@code status}, {@code uri}), so dashboards and the Prometheus scrape read the same series. What it leaves out is
 * the observation around each request (its context, scope, convention and handlers, and the key values built anew per
 * request): while the JIT warms up, searches without it cost 1-12% less CPU in paired rounds, though once settled
 * no difference was measurable (bench/RESULTS.md); nothing here used the observation but the timer. One timer per
 * distinct tag set is kept: every tag has a bounded set of values (the route's pattern, never the path; a standard
 * method or {@code UNKNOWN}; a status; an exception class).
 */
final class RequestMetrics {

    static final String NAME = "http.server.requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");
    private static final String UNKNOWN = "UNKNOWN";
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records a request that took {@code nanos}: answered with {@code status}, or failed with {@code thrown} (or with
     * the exception Spring MVC resolved into its answer, which it leaves in the request's error attribute).
     */
    void record(HttpServletRequest request, int status, @Nullable Throwable thrown, long nanos) {
        Throwable error = thrown != null ? thrown
                : request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable resolved ? resolved : null;
        String method = request.getMethod();
        Key key = new Key(method != null && METHODS.contains(method) ? method : UNKNOWN, uri(request, status), status,
                error == null ? NONE : exceptionName(error));
        timers.computeIfAbsent(key, this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The route's pattern as Spring MVC matched it; else what the status says of a request no route took. */
    private static String uri(HttpServletRequest request, int status) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern.isEmpty() ? "root" : pattern;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        return status == 404 ? "NOT_FOUND" : UNKNOWN;
    }

    private static String exceptionName(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> UNKNOWN;
        };
    }

    private Timer timer(Key key) {
        // "error" is the tag Micrometer's observation handler added beside the convention's "exception"
        return Timer.builder(NAME)
                .tag("error", key.exception())
                .tag("exception", key.exception())
                .tag("method", key.method())
                .tag("outcome", outcome(key.status()))
                .tag("status", Integer.toString(key.status()))
                .tag("uri", key.uri())
                .register(registry);
    }

    private record Key(String method, String uri, int status, String exception) {}
}
