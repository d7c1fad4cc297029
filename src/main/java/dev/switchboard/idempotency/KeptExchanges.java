package dev.switchboard.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The filter half of {@code Idempotency-Key}: wraps a POST that carries the header so its body can be kept once read
 * ({@link KeptBody}: fingerprinted, and still read by the handler) and its answer kept. It reads nothing itself;
 * {@link IdempotentRequests} does, after authentication.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class KeptExchanges extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(IdempotentRequests.HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var body = new KeptBody(request);
        var answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(body, answer);
        } finally {
            answer.copyBodyToResponse();
        }
    }
}
