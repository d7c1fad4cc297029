package dev.switchboard.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-origin access from browsers. Off by default: a preflight answers 403 with a problem (a browser then refuses
 * the cross-origin call), and answers carry no {@code Access-Control-*} header. With
 * {@code switchboard.http.cors.allowed-origins} listed, pages of those origins may call the API with a bearer key
 * (no cookies: Switchboard has none). Preflights carry no credentials, so they are answered here, before
 * authentication.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class CorsPolicy extends OncePerRequestFilter {

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
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", RequestIdFilter.HEADER));
        config.setExposedHeaders(List.of(RequestIdFilter.HEADER, "Retry-After", "RateLimit", "RateLimit-Policy",
                "Idempotent-Replayed", "WWW-Authenticate"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        this.configuration = config;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        if (configuration == null) {
            if (preflight) {
                FilterProblems.write(response, ProblemType.CORS_NOT_ALLOWED, HttpStatus.FORBIDDEN,
                        "Cross-origin requests are not enabled on this server; an operator enables them for chosen"
                                + " origins with switchboard.http.cors.allowed-origins");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (!processor.processRequest(configuration, request, response) || preflight) {
            return; // refused (answered with a problem), or a preflight answered with its Access-Control-* headers
        }
        chain.doFilter(request, response);
    }
}
