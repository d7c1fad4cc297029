package dev.switchboard.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/**
 * Headers that keep browsers from misusing what Switchboard answers, set before anything answers (errors included):
 * {@code nosniff} everywhere; {@code no-store} on API answers, which hold a user's data and sometimes a new key; and
 * on the console page a content security policy that runs only its own script and style and refuses framing.
 * {@link Edge} sets them on every request.
 */
final class SecurityHeaders {

    /** The console loads its own scripts (/console.js, /console/*.js), style and icons and calls the API on its own origin. */
    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    static void set(String path, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/v1/") || path.startsWith("/admin/")) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        } else if (path.equals("/") || path.equals("/index.html")) {
            response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
    }
}
