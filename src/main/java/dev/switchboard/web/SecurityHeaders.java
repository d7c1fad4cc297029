package dev.switchboard.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep browsers from misusing what Switchboard answers, set before anything answers (errors included):
 * {@code nosniff} everywhere; {@code no-store} on API answers, which hold a user's data and sometimes a new key; and
 * on the console page a content security policy that runs only its own script and style and refuses framing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class SecurityHeaders extends OncePerRequestFilter {

    /** The console loads its own scripts (/console.js, /console/*.js), style and icons and calls the API on its own origin. */
    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getRequestURI();
        if (path.startsWith("/v1/") || path.startsWith("/admin/")) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        } else if (path.equals("/") || path.equals("/index.html")) {
            response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        chain.doFilter(request, response);
    }
}
