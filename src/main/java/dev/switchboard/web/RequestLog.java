package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * One log line per request, written by {@link Edge} when it ends: method, path (never the query string), status and
 * duration, with the log context the request built up: {@code request_id} ({@link RequestIds}), {@code user_id} (set
 * by the bearer authentication) and {@code provider} (set when the request used a telephony provider). Headers and
 * bodies are never logged, so neither are keys or credentials. Health checks and scrapes log at DEBUG, not to drown
 * the rest.
 */
final class RequestLog {

    static final String LOGGER = "dev.switchboard.requests";
    static final String USER_ID = "user_id";
    static final String PROVIDER = "provider";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private RequestLog() {}

    /** Logs the request that ends, and clears what the request put in the log context. */
    static void ended(HttpServletRequest request, int status, long startNanos) {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        String path = request.getRequestURI();
        String user = MDC.get(USER_ID);
        String provider = MDC.get(PROVIDER);
        Level level = path.startsWith("/actuator/") ? Level.DEBUG : Level.INFO;
        if (log.isEnabledForLevel(level)) {
            String method = request.getMethod();
            // the line the format "{} {} {} {} ms request={}{}{}" made, built without parsing a format each time
            StringBuilder line = new StringBuilder(128).append(method).append(' ').append(path).append(' ')
                    .append(status).append(' ').append(durationMs).append(" ms request=")
                    .append(MDC.get(RequestIds.MDC_KEY));
            if (user != null) {
                line.append(" user=").append(user);
            }
            if (provider != null) {
                line.append(" provider=").append(provider);
            }
            log.atLevel(level)
                    .addKeyValue("method", method)
                    .addKeyValue("path", path)
                    .addKeyValue("status", status)
                    .addKeyValue("duration_ms", durationMs)
                    .log(line.toString());
        }
        MDC.remove(USER_ID);
        MDC.remove(PROVIDER);
    }
}
