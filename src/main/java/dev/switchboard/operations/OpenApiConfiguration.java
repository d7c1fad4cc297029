package dev.switchboard.operations;

import dev.switchboard.users.AuthenticatedUser;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.media.JsonSchema;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code GET /openapi.json} (springdoc, from the controllers) and the reference page at {@code GET /docs}.
 * Everything here is generic: a controller any feature adds is described with the same names, security and
 * problem responses, without this class naming it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Controllers receive the caller as a parameter resolved from the bearer token, not from the query.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
        // A body taken as a JSON tree is a JSON object, not a bean with JsonNode's getters.
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                new JsonSchema().types(Set.of("object")).description("A JSON object"));
    }

    @Bean
    OpenAPI switchboardOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Switchboard API")
                        .version("v1")
                        .description("""
                                Phone numbers for voice-AI agents, on the caller's own telephony accounts. \
                                Every /v1 call needs `Authorization: Bearer <api key>`. Errors are RFC 9457 \
                                problem details (`application/problem+json`); request validation answers 422 \
                                with `errors` naming every bad parameter, body field or `filters` key. \
                                Every response carries `X-Request-Id`.""")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(ApiConventions.API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A user's API key (`sb_…`), as created by POST /admin/v1/users"))
                        .addSecuritySchemes(ApiConventions.ADMIN_TOKEN, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The operator's SWITCHBOARD_ADMIN_TOKEN")));
    }

    @Bean
    ModelConverter recordSchemas() {
        return new RecordSchemas();
    }

    @Bean
    GlobalOperationCustomizer handlerParameters(ObjectProvider<RequestMappingHandlerAdapter> adapter) {
        return new HandlerParameters(adapter);
    }

    @Bean
    GlobalOpenApiCustomizer apiConventions() {
        return new ApiConventions();
    }
}
