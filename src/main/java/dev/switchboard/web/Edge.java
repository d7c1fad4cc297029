package dev.switchboard.web;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * The one servlet filter every request meets before Spring MVC, doing in this order what used to be six filters:
 * <ol>
 *   <li>its id ({@link RequestIds}), in the answer's header and the log context;</li>
 *   <li>the request log's clock ({@link RequestLog}: one line when the request ends, whatever answered it);</li>
 *   <li>the {@code http.server.requests} observation (Spring's {@link ServerHttpObservationFilter}, which this is, so
 *       Spring Boot registers no other; the route is filled in by Spring MVC as before);</li>
 *   <li>the security headers ({@link SecurityHeaders});</li>
 *   <li>the body limit ({@link RequestBodyLimit}: 413 by {@code Content-Length}, or as a chunked body streams);</li>
 *   <li>CORS ({@link CorsPolicy}: preflights answered here, before authentication).</li>
 * </ol>
 * A refusal by the last two is a problem detail with the request's id, logged and measured like any answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Edge extends ServerHttpObservationFilter {

    private final RequestBodyLimit bodyLimit;
    private final CorsPolicy cors;

    Edge(ObservationRegistry observations, HttpProperties properties) {
        super(observations, new DefaultServerRequestObservationConvention());
        this.bodyLimit = new RequestBodyLimit(properties);
        this.cors = new CorsPolicy(properties);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestIds.begin(request, response);
        long start = System.nanoTime();
        int status = 500;
        try {
            super.doFilterInternal(request, response, (req, res) -> admit(request, response, chain));
            status = response.getStatus();
        } finally {
            RequestLog.ended(request, status, start);
            RequestIds.end();
        }
    }

    /** Switchboard answers nothing asynchronously; were it to, the observation's own listener would end it. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    /** Inside the observation: what every answer carries, then what may refuse the request before it goes on. */
    private void admit(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityHeaders.set(request.getRequestURI(), response);
        HttpServletRequest bounded = bodyLimit.admit(request, response);
        if (bounded != null && cors.admits(request, response)) {
            chain.doFilter(bounded, response);
        }
    }
}
