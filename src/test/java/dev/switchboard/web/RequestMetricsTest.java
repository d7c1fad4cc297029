package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.RequestDispatcher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/** The timer keeps the series Spring's observation filter made: same name, tags and values. */
class RequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(registry);

    @Test
    void aRoutedRequestIsTaggedWithItsRoutePatternNotItsPath() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/numbers/8d7c");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/v1/numbers/{id}");
        metrics.record(request, 200, null, TimeUnit.MILLISECONDS.toNanos(7));
        metrics.record(request, 200, null, TimeUnit.MILLISECONDS.toNanos(9));

        Timer timer = registry.get(RequestMetrics.NAME).tags("error", "none", "exception", "none", "method", "GET",
                "outcome", "SUCCESS", "status", "200", "uri", "/v1/numbers/{id}").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(16.0);
        assertThat(registry.getMeters()).hasSize(1);
    }

    @Test
    void unroutedRequestsAreNamedByStatusAndUnknownMethodsAreNotKept() {
        metrics.record(new MockHttpServletRequest("GET", "/nowhere/1"), 404, null, 1);
        metrics.record(new MockHttpServletRequest("GET", "/nowhere/2"), 404, null, 1);
        metrics.record(new MockHttpServletRequest("BREW", "/old"), 301, null, 1);
        metrics.record(new MockHttpServletRequest("POST", "/x"), 413, null, 1);

        assertThat(registry.get(RequestMetrics.NAME).tags("uri", "NOT_FOUND", "outcome", "CLIENT_ERROR").timer()
                .count()).isEqualTo(2);
        assertThat(registry.get(RequestMetrics.NAME).tags("uri", "REDIRECTION", "method", "UNKNOWN",
                "outcome", "REDIRECTION").timer().count()).isEqualTo(1);
        assertThat(registry.get(RequestMetrics.NAME).tags("uri", "UNKNOWN", "status", "413").timer().count())
                .isEqualTo(1);
    }

    @Test
    void anExceptionThrownOrResolvedIntoTheAnswerIsTaggedByItsClass() {
        MockHttpServletRequest thrown = new MockHttpServletRequest("GET", "/v1/agents");
        thrown.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/v1/agents");
        metrics.record(thrown, 500, new IllegalStateException("boom"), 1);
        MockHttpServletRequest resolved = new MockHttpServletRequest("GET", "/v1/agents");
        resolved.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/v1/agents");
        resolved.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ArithmeticException());
        metrics.record(resolved, 400, null, 1);

        assertThat(registry.get(RequestMetrics.NAME).tags("exception", "IllegalStateException",
                "error", "IllegalStateException", "outcome", "SERVER_ERROR", "status", "500").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(RequestMetrics.NAME).tags("exception", "ArithmeticException", "status", "400")
                .timer().count()).isEqualTo(1);
    }
}
