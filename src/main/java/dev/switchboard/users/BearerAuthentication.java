package dev.switchboard.users;

import dev.switchboard.limits.RequestBudgets;
import dev.switchboard.web.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards every {@code /v1} endpoint, first of all (before any body is read): the request must carry {@code
 * Authorization: Bearer <api key>} of a known, unrevoked key, else 401, and fit that key's request budget, else 429.
 * A client address that failed too many authentications gets 429 for any key this instance has not already proven,
 * without a database query. The proven user reaches controllers as an {@link AuthenticatedUser} parameter.
 */
@Component
class BearerAuthentication implements HandlerInterceptor, HandlerMethodArgumentResolver, WebMvcConfigurer {

    private static final String ATTRIBUTE = AuthenticatedUser.class.getName();

    private final UserService users;
    private final RequestBudgets budgets;

    BearerAuthentication(UserService users, RequestBudgets budgets) {
        this.users = users;
        this.budgets = budgets;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/v1/**").order(Integer.MIN_VALUE);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String address = request.getRemoteAddr();
        Bearer bearer = Bearer.of(request.getHeader(HttpHeaders.AUTHORIZATION));
        String token = bearer.token();
        Optional<UserService.KeyOwner> owner = token == null ? Optional.empty() : users.knownOwner(token);
        if (owner.isEmpty()) {
            budgets.checkAddress(address); // throttled: refused before the database is asked about the token
            owner = token == null ? Optional.empty() : users.owner(token);
            if (owner.isEmpty()) {
                budgets.failedAuthentication(address);
                throw new Unauthenticated(token == null ? bearer.wrong() : "The bearer token is not a valid API key");
            }
        }
        UserService.KeyOwner proven = owner.get();
        request.setAttribute(ATTRIBUTE, new AuthenticatedUser(proven.userId()));
        MDC.put("user_id", proven.userId().toString()); // in every log line of the request; the request log clears it
        budgets.admitKey(proven.keyId().toString()).forEach(response::setHeader);
        return true;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        Object user = webRequest.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        if (user == null) {
            // A controller outside /v1 asked for a user: fail closed rather than serve anonymously.
            throw new Unauthenticated("This endpoint needs a bearer token");
        }
        return user;
    }

    /** The token of an {@code Authorization: Bearer ...} header; explains what is wrong otherwise. */
    static String bearerToken(@Nullable String header) {
        Bearer bearer = Bearer.of(header);
        String token = bearer.token();
        if (token == null) {
            throw new Unauthenticated(bearer.wrong());
        }
        return token;
    }

    /** An {@code Authorization} header read once: its bearer token, or else what is wrong with it. */
    private record Bearer(@Nullable String token, String wrong) {

        private static final String SCHEME = "Bearer";

        static Bearer of(@Nullable String header) {
            if (header == null || header.isBlank()) {
                return new Bearer(null, "Send Authorization: Bearer <api key>");
            }
            int space = header.indexOf(' ');
            if (space != SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, space)) {
                return new Bearer(null, "The Authorization header must use the Bearer scheme");
            }
            String token = header.substring(space + 1).trim();
            return token.isEmpty() ? new Bearer(null, "The bearer token is empty") : new Bearer(token, "");
        }
    }
}
