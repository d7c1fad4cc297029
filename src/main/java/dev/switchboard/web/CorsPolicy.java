package dev.switchboard.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Cross-origin access from browsers. Off by default: a preflight answers 403 with a problem (a browser then refuses
 * the cross-origin call), and answers carry no {@code Access-Control-*} header. With
 * {@code switchboard.http.cors.allowed-origins} listed, pages of those origins may call the API with a bearer key
 * (no cookies: Switchboard has none). Preflights carry no credentials, so they are answered here, before
 * authentication, by {@link Edge}.
 */
final class CorsPolicy {

    private final @Nullable CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(org.springframework.http.server.ServerHttpResponse response) throws IOException {
            if (response instanceof ServletServerHttpResponse servlet) {
                FilterProblems.write(servlet.getServletResponse(), ProblemType.CORS_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                        "This origin, method or header is not allowed cross-origin (switchboard.http.cors.allowed-origins)");
                servlet.flush();
            }
        }
    };

    CorsPolicy(HttpProperties properties) {
        List<String> origins = properties.cors().allowedOrigins();
        if (origins.isEmpty()) {
            this.configuration = null;
            return;
        }
        var config = new CorsConfiguration();
        config.setAllowedOrigins(origins);
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", RequestIds.HEADER));
        config.setExposedHeaders(List.of(RequestIds.HEADER, "Retry-After", "RateLimit", "RateLimit-Policy",
                "Idempotent-Replayed", "WWW-Authenticate"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        this.configuration = config;
    }

    /**
     * Whether the request goes on; if not, it has been answered: refused with a problem, or a preflight answered with
     * its {@code Access-Control-*} headers.
     */
    boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        if (configuration == null) {
            if (preflight) {
                FilterProblems.write(response, ProblemType.CORS_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                        "Cross-origin requests are not enabled on this server; an operator enables them for chosen"
                                + " origins with switchboard.http.cors.allowed-origins");
            }
            return !preflight;
        }
        return processor.processRequest(configuration, request, response) && !preflight;
    }
}
