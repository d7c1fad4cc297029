package dev.switchboard.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, written when it ends: method, path (never the query string), status and duration,
 * with the log context the request built up: {@code request_id} (web.RequestIdFilter), {@code user_id} (set by the
 * bearer authentication) and {@code provider} (set when the request used a telephony provider). Headers and bodies
 * are never logged, so neither are keys or credentials. Health checks and scrapes log at DEBUG, not to drown the rest.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // inside RequestIdFilter, so the request id is still in the context
class RequestLog extends OncePerRequestFilter {

    static final String LOGGER = "dev.switchboard.requests";
    static final String USER_ID = "user_id";
    static final String PROVIDER = "provider";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            long durationMs = (System.nanoTime() - start) / 1_000_000;
            String path = request.getRequestURI();
            String user = MDC.get(USER_ID);
            String provider = MDC.get(PROVIDER);
            Level level = path.startsWith("/actuator/") ? Level.DEBUG : Level.INFO;
            log.atLevel(level)
                    .addKeyValue("method", request.getMethod())
                    .addKeyValue("path", path)
                    .addKeyValue("status", status)
                    .addKeyValue("duration_ms", durationMs)
                    .log("{} {} {} {} ms request={}{}{}", request.getMethod(), path, status, durationMs,
                            MDC.get("request_id"), user == null ? "" : " user=" + user,
                            provider == null ? "" : " provider=" + provider);
            MDC.remove(USER_ID);
            MDC.remove(PROVIDER);
        }
    }
}
