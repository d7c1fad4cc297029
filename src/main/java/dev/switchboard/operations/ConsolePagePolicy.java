package dev.switchboard.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Content-Security-Policy of the console page ({@code /}): scripts, styles, images and calls from this
 * Switchboard only, and nothing inline. The page holds the user's API key, so an injected script or style must not
 * run even if some value ever reached the page as markup. The page keeps every script and style in its own file
 * for this; a browser test checks that nothing on it is blocked.
 * Only the page gets it: the API answers JSON, and {@code /docs} (swagger-ui) sets up its page with inline script.
 */
@Component
class ConsolePagePolicy extends OncePerRequestFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.equals("/") || path.equals("/index.html"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
