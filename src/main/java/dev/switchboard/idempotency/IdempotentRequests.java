package dev.switchboard.idempotency;

import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.InvalidRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code Idempotency-Key} for handlers marked {@link Idempotent}. A filter wraps a POST that carries the header
 * so its body can be kept once read (to be fingerprinted and still read by the handler) and its answer kept; an
 * interceptor, running after authentication, reads the body (only then, only for an authenticated caller of a
 * handler that honours the header), claims the key for the user before the handler runs and keeps the answer after
 * it. Claiming is one insert, or a locked read of the existing row: two requests with the
 * same key never both run.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class IdempotentRequests extends OncePerRequestFilter
        implements HandlerInterceptor, HandlerMethodArgumentResolver, WebMvcConfigurer {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String CLAIM = IdempotentRequests.class.getName() + ".claim";

    private final IdempotencyKeyRepository keys;
    private final TransactionTemplate transaction;
    private final IdempotencyProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentRequests(IdempotencyKeyRepository keys, TransactionTemplate transaction, IdempotencyProperties properties,
            JsonMapper json, Clock clock) {
        this.keys = keys;
        this.transaction = transaction;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    // --- filter: keep the body and the answer of POSTs that carry the header ---

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
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

    // --- interceptor: claim the key, replay, keep the answer ---

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // after BearerAuthentication (order 0): the user is known when this runs
        registry.addInterceptor(this).addPathPatterns("/v1/**").order(Ordered.LOWEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(Idempotent.class)) {
            return true;
        }
        String key = request.getHeader(HEADER);
        KeptBody body = WebUtils.getNativeRequest(request, KeptBody.class);
        AuthenticatedUser user = AuthenticatedUser.of(request).orElse(null);
        if (key == null || body == null || user == null) {
            return true;
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidRequest(HEADER, "must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
        String hash = fingerprint(request, body.bytes());
        Outcome outcome = claim(user.id(), key, hash);
        if (outcome instanceof Claimed claimed) {
            request.setAttribute(CLAIM, new Claim(user.id(), new IdempotencyKey(key, claimed.since())));
            return true;
        }
        Replay replay = (Replay) outcome;
        response.setStatus(replay.status());
        if (replay.type() != null) {
            response.setContentType(replay.type());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.getOutputStream().write(replay.body().getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            @Nullable Exception ex) {
        if (!(request.getAttribute(CLAIM) instanceof Claim claim)) {
            return;
        }
        var answer = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        int status = response.getStatus();
        try {
            if (answer != null && ex == null && status < 500) {
                keys.answer(claim.userId(), claim.key().value(), status, response.getContentType(),
                        new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8));
            } else {
                // 5xx: nothing definite happened that the answer could stand for; the same request may run again.
                keys.release(claim.userId(), claim.key().value());
            }
        } catch (RuntimeException e) {
            // The lease expires by itself; the handler made its own side effects safe to run again.
            log.warn("could not keep the answer of an idempotent request: {}", e.toString());
        }
    }

    /** Claimed when this request now holds the key and runs; the answer to replay otherwise. */
    private Outcome claim(UUID userId, String key, String hash) {
        Instant now = clock.instant();
        try {
            keys.insert(userId, key, hash, now.plus(properties.lease()), now, now.plus(properties.ttl()));
            return new Claimed(now);
        } catch (DuplicateKeyException taken) {
            // fall through: the key was used before
        }
        return transaction.execute(status -> {
            var row = keys.lock(userId, key).orElse(null);
            if (row == null || !row.expiresAt().isAfter(now)) {
                if (row == null) {
                    keys.insert(userId, key, hash, now.plus(properties.lease()), now, now.plus(properties.ttl()));
                } else {
                    keys.restart(userId, key, hash, now.plus(properties.lease()), now, now.plus(properties.ttl()));
                }
                return new Claimed(now);
            }
            if (!row.requestHash().equals(hash)) {
                throw new InvalidRequest(HEADER, "was already used for a different request; use a new key for a new request");
            }
            if (row.responseStatus() != null) {
                return new Replay(row.responseStatus(), row.responseType(), row.responseBody() == null ? "" : row.responseBody());
            }
            if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
                throw new KeyInFlight();
            }
            keys.lease(userId, key, now.plus(properties.lease()));
            return new Claimed(row.createdAt());
        });
    }

    /**
     * SHA-256 over the method, path, query and body. A JSON body is taken in canonical form (object keys sorted,
     * no whitespace), so the same request re-serialised by a client's retry still matches.
     */
    private String fingerprint(HttpServletRequest request, byte[] body) {
        String canonicalBody;
        try {
            JsonNode tree = json.readTree(body);
            canonicalBody = tree == null || tree.isMissingNode() ? "" : json.writeValueAsString(canonical(tree));
        } catch (JacksonException notJson) {
            canonicalBody = new String(body, StandardCharsets.UTF_8);
        }
        String text = request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n" + canonicalBody;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, @Nullable Object> sorted = new TreeMap<>();
            for (var entry : node.properties()) {
                sorted.put(entry.getKey(), canonical(entry.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<@Nullable Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(canonical(item));
            }
            return items;
        }
        return node;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IdempotencyKey.class;
    }

    /** The request's claimed key; null when it carries none (or the handler is not marked {@link Idempotent}). */
    @Override
    public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        return webRequest.getAttribute(CLAIM, NativeWebRequest.SCOPE_REQUEST) instanceof Claim claim ? claim.key() : null;
    }

    private record Claim(UUID userId, IdempotencyKey key) {}

    private sealed interface Outcome {}

    private record Claimed(Instant since) implements Outcome {}

    private record Replay(int status, @Nullable String type, String body) implements Outcome {}

    /**
     * The request whose body is read once and kept, so it can be both fingerprinted and read by the handler. Nothing
     * is read until {@link #bytes()} is first called: by the interceptor, after authentication, and only for a handler
     * marked {@link Idempotent}; the body is bounded by then (web.RequestBodyLimit). Any other handler reads the
     * request's own stream.
     */
    static final class KeptBody extends HttpServletRequestWrapper {

        private byte @Nullable [] bytes;

        KeptBody(HttpServletRequest request) {
            super(request);
        }

        byte[] bytes() throws IOException {
            if (bytes == null) {
                bytes = super.getInputStream().readAllBytes();
            }
            return bytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bytes == null) {
                return super.getInputStream();
            }
            var in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
