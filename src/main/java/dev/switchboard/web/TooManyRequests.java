package dev.switchboard.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request budget is spent: answered 429 with {@code Retry-After} and whatever headers describe the budget (the
 * IETF draft's {@code RateLimit} and {@code RateLimit-Policy}).
 */
public final class TooManyRequests extends ProblemException {

    private final Duration retryAfter;
    private final Map<String, String> headers;

    public TooManyRequests(String detail, Duration retryAfter, Map<String, String> headers) {
        super(ProblemType.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, detail, List.of());
        this.retryAfter = retryAfter;
        this.headers = Map.copyOf(headers);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
