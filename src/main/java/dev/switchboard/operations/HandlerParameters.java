package dev.switchboard.operations;

import dev.switchboard.idempotency.Idempotent;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Drops from an operation the handler parameters that are not request parameters at all, which springdoc would
 * otherwise describe as made-up query parameters: values our own argument resolvers produce (the authenticated
 * user from the bearer token, an idempotency key from its header) and catch-all {@code @RequestParam Map}s of
 * controllers that parse their query by hand (those declare their real parameters with {@code @Parameter}).
 */
final class HandlerParameters implements GlobalOperationCustomizer {

    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;
    private final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

    HandlerParameters(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        this.adapter = adapter;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (handlerMethod.hasMethodAnnotation(Idempotent.class)) {
            describeIdempotency(operation);
        }
        if (operation.getParameters() == null) {
            return operation;
        }
        List<HandlerMethodArgumentResolver> custom = customResolvers();
        Set<String> notParameters = new HashSet<>();
        for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
            parameter.initParameterNameDiscovery(names);
            boolean resolvedByUs = custom.stream().anyMatch(r -> r.supportsParameter(parameter));
            boolean catchAll = parameter.hasParameterAnnotation(RequestParam.class)
                    && Map.class.isAssignableFrom(parameter.getParameterType())
                    && parameter.getParameterAnnotation(RequestParam.class).name().isEmpty();
            if ((resolvedByUs || catchAll) && parameter.getParameterName() != null) {
                notParameters.add(parameter.getParameterName());
            }
        }
        List<Parameter> kept = operation.getParameters().stream()
                .filter(p -> !(notParameters.contains(p.getName()) && p.get$ref() == null && isMadeUp(p)))
                .toList();
        operation.setParameters(kept.isEmpty() ? null : kept);
        return operation;
    }

    /** The {@code Idempotency-Key} header an {@link Idempotent} handler honours, and the answers it adds. */
    private static void describeIdempotency(Operation operation) {
        operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                .schema(new StringSchema())
                .description("Any unique string (a UUID) per intended operation: a retry with the same key and the "
                        + "same request gets the first answer back (`Idempotent-Replayed: true`) instead of acting twice"));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.addApiResponse("409", new ApiResponse().description(
                "The request clashes with the current state: a request with the same Idempotency-Key is still in "
                        + "flight, or what it asks for is no longer possible (e.g. the number is no longer on sale)"));
        operation.setResponses(responses);
    }

    /** springdoc's description of a non-parameter: a query parameter named after the Java parameter. */
    private static boolean isMadeUp(Parameter p) {
        return "query".equals(p.getIn());
    }

    private List<HandlerMethodArgumentResolver> customResolvers() {
        RequestMappingHandlerAdapter a = adapter.getIfAvailable();
        List<HandlerMethodArgumentResolver> resolvers = a == null ? null : a.getCustomArgumentResolvers();
        return resolvers == null ? List.of() : resolvers;
    }
}
