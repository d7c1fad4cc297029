package dev.switchboard.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one servlet filter every request meets before Spring MVC, doing in this order what used to be six filters:
 * <ol>
 *   <li>its id ({@link RequestIds}), in the answer's header and the log context;</li>
 *   <li>the request log's clock ({@link RequestLog}: one line when the request ends, whatever answered it);</li>
 *   <li>the {@code http.server.requests} timer ({@link RequestMetrics}, recorded when the request ends, with the tags
 *       Spring's observation filter gave it; that filter's auto-configuration is excluded in application.yaml);</li>
 *   <li>the security headers ({@link SecurityHeaders});</li>
 *   <li>the body limit ({@link RequestBodyLimit}: 413 by {@code Content-Length}, or as a chunked body streams);</li>
 *   <li>CORS ({@link CorsPolicy}: preflights answered here, before authentication).</li>
 * </ol>
 * A refusal by the last two is a problem detail with the request's id, logged and measured like any answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Edge extends OncePerRequestFilter {

    private final RequestMetrics metrics;
    private final RequestBodyLimit bodyLimit;
    private final CorsPolicy cors;

    Edge(MeterRegistry registry, HttpProperties properties) {
        this.metrics = new RequestMetrics(registry);
        this.bodyLimit = new RequestBodyLimit(properties);
        this.cors = new CorsPolicy(properties);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestIds.begin(request, response);
        long start = System.nanoTime();
        int status = 500;
        Throwable thrown = null;
        try {
            admit(request, response, chain);
            status = response.getStatus();
        } catch (ServletException | IOException | RuntimeException | Error e) {
            thrown = e instanceof ServletException servlet && servlet.getCause() != null ? servlet.getCause() : e;
            // what the container will answer (Spring's observation filter recorded it as a 500 too)
            if (!response.isCommitted()) {
                response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            throw e;
        } finally {
            metrics.record(request, status, thrown, System.nanoTime() - start);
            RequestLog.ended(request, status, start);
            RequestIds.end();
        }
    }

    /** What every answer carries, then what may refuse the request before it goes on. */
    private void admit(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityHeaders.set(request.getRequestURI(), response);
        HttpServletRequest bounded = bodyLimit.admit(request, response);
        if (bounded != null && cors.admits(request, response)) {
            chain.doFilter(bounded, response);
        }
    }
}
