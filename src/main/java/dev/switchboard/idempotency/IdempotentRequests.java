package dev.switchboard.idempotency;

import dev.switchboard.idempotency.IdempotencyKeys.Answer;
import dev.switchboard.idempotency.IdempotencyKeys.Claimed;
import dev.switchboard.users.AuthenticatedUser;
import dev.switchboard.web.InvalidRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code Idempotency-Key} for handlers marked {@link Idempotent}, in Spring MVC: an interceptor, running after
 * authentication, reads the body {@link KeptExchanges} kept (only then, only for an authenticated caller of a handler
 * that honours the header), claims the key for the user ({@link IdempotencyKeys}) before the handler runs, or replays
 * the answer the key stands for, and keeps the answer after it; the handler gets the claimed key as an {@link
 * IdempotencyKey} parameter.
 */
@Component
class IdempotentRequests implements HandlerInterceptor, HandlerMethodArgumentResolver, WebMvcConfigurer {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String CLAIM = IdempotentRequests.class.getName() + ".claim";

    private final IdempotencyKeys keys;
    private final JsonMapper json;

    IdempotentRequests(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

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
        String hash = RequestFingerprint.of(json, request, body.bytes());
        IdempotencyKeys.Outcome outcome = keys.claim(user.id(), key, hash);
        if (outcome instanceof Claimed claimed) {
            request.setAttribute(CLAIM, new Claim(user.id(), new IdempotencyKey(key, claimed.since())));
            return true;
        }
        Answer replay = (Answer) outcome;
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
        keys.settle(claim.userId(), claim.key().value(), answer != null && ex == null && status < 500
                ? new Answer(status, response.getContentType(),
                        new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8))
                : null);
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
}
