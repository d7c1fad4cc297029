package dev.switchboard.operations;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Applies the API's conventions (API.md) to every operation springdoc found, by rule rather than by name, so an
 * endpoint any feature adds comes out right:
 * <ul>
 * <li>tag = the resource ({@code numbers}, {@code account_connections}, …), operationId from the path
 *     ({@code numbers_available}, {@code account_connections_get});</li>
 * <li>{@code /v1} needs the user's bearer API key, {@code /admin} the operator's token: both answer 401;</li>
 * <li>the problem responses, as {@code application/problem+json} with the {@code Problem} schema: 422 wherever
 *     the operation takes input, 404 wherever it names a resource ({@code id}, {@code phone_number},
 *     {@code …account_connection}, {@code …agent}), 502/504 wherever it reaches a telephony provider
 *     ({@code telephony_provider} or {@code telephony_account_connection} among its input), 503 everywhere
 *     (database, provider rate limit or open circuit), 429 on every authenticated call (its request budget), 413
 *     wherever it takes a body, and any error status an operation declares itself with
 *     {@code @ApiResponse(responseCode = "409")};</li>
 * <li>every key of a response object is always written (Jackson's inclusion is {@code always}), so response
 *     schemas list every property as required, {@code null} allowed where the record component is nullable.</li>
 * </ul>
 */
final class ApiConventions implements GlobalOpenApiCustomizer {

    static final String API_KEY = "apiKey";
    static final String ADMIN_TOKEN = "adminToken";
    static final String PROBLEM = "Problem";
    static final String PARAMETER_ERROR = "ParameterError";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Map<String, String> ERROR_DESCRIPTIONS = Map.of(
            "401", "Missing, malformed or unknown bearer token (`WWW-Authenticate: Bearer`)",
            "404", "No such resource for this caller: it does not exist or belongs to someone else",
            "409", "The request clashes with the current state",
            "413", "The request body is larger than `switchboard.http.max-body-size` (1 MB by default)",
            "429", "A request budget is spent: this API key's (20 requests a second, bursts of 40, by default) or this "
                    + "client address's failed authentications; retry after `Retry-After` seconds",
            "422", "The request is invalid: `errors` names every bad parameter, body field or `filters` key; "
                    + "or the provider rejected the account connection's credentials or the request",
            "502", "The telephony provider failed (5xx, connection refused or reset, malformed answer); "
                    + "`provider` and `provider_code` say which and why",
            "503", "Switchboard's database is unavailable, the provider is rate-limiting this account or its "
                    + "circuit is open, or this instance has as many provider calls under way as it allows; retry "
                    + "after `Retry-After` seconds",
            "504", "The telephony provider did not answer within the deadline");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(PARAMETER_ERROR, parameterErrorSchema());
        Set<String> operationIds = new HashSet<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<String> segments = resourceSegments(path);
            operation.setTags(List.of(path.startsWith("/admin/") ? "admin" : segments.isEmpty() ? "service" : segments.getFirst()));
            operation.setOperationId(operationId(path, method, segments, operationIds));
            Set<String> inputs = inputNames(openApi, operation);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            Map<String, ApiResponse> errors = new TreeMap<>();
            if (path.startsWith("/v1/") || path.startsWith("/admin/")) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(path.startsWith("/admin/") ? ADMIN_TOKEN : API_KEY)));
                errors.put("401", problem("401").addHeaderObject("WWW-Authenticate",
                        new Header().description("`Bearer`").schema(new StringSchema())));
                errors.put("429", problem("429")
                        .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                                .schema(new IntegerSchema()))
                        .addHeaderObject("RateLimit", new Header().description("What is left of the budget and in how"
                                + " many seconds it is full again (IETF draft), e.g. `\"api-key\";r=0;t=1`")
                                .schema(new StringSchema()))
                        .addHeaderObject("RateLimit-Policy", new Header().description("The budget (IETF draft), e.g."
                                + " `\"api-key\";q=40;w=2`").schema(new StringSchema())));
            }
            if (operation.getRequestBody() != null) {
                errors.put("413", problem("413"));
            }
            if (!inputs.isEmpty()) {
                errors.put("422", problem("422"));
            }
            if (inputs.stream().anyMatch(ApiConventions::namesResource)) {
                errors.put("404", problem("404"));
            }
            if (inputs.contains("telephony_provider") || inputs.contains("telephony_account_connection")) {
                errors.put("502", problem("502"));
                errors.put("504", problem("504"));
            }
            errors.put("503", problem("503").addHeaderObject("Retry-After",
                    new Header().description("Seconds to wait before retrying").schema(new IntegerSchema())));
            // error statuses the operation declared itself get the problem body too
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    ApiResponse p = errors.computeIfAbsent(status, ApiConventions::problem);
                    if (response.getDescription() != null && !response.getDescription().isBlank()) {
                        p.setDescription(response.getDescription()); // the operation's own words win
                    }
                }
            });
            ApiResponses ordered = new ApiResponses();
            responses.forEach((status, response) -> {
                if (!errors.containsKey(status)) {
                    ordered.addApiResponse(status, response);
                }
            });
            errors.forEach(ordered::addApiResponse);
            ordered.values().forEach(r -> r.addHeaderObject("X-Request-Id", new Header()
                    .description("The request's id: the client's when it sent a sane one, else generated")
                    .schema(new StringSchema())));
            operation.setResponses(ordered);
        }));
        requireEveryResponseProperty(openApi);
    }

    /** The path's segments after the version: {@code /v1/numbers/available} → [numbers, available]. */
    private static List<String> resourceSegments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty() && !s.matches("v\\d+") && !s.equals("admin") && !s.startsWith("{")) {
                segments.add(s);
            }
        }
        return segments;
    }

    private static String operationId(String path, PathItem.HttpMethod method, List<String> segments, Set<String> taken) {
        List<String> words = new ArrayList<>();
        if (path.startsWith("/admin/")) {
            words.add("admin");
        }
        words.addAll(segments);
        if (segments.size() <= 1) {
            words.add(switch (method) {
                case GET -> "get";
                case POST -> "create";
                default -> method.name().toLowerCase();
            });
        }
        String id = String.join("_", words);
        if (!taken.add(id)) {
            id = id + "_" + method.name().toLowerCase();
            taken.add(id);
        }
        return id;
    }

    /** Names of the operation's parameters and of its JSON body's top-level properties. */
    private static Set<String> inputNames(OpenAPI openApi, Operation operation) {
        Set<String> names = new HashSet<>();
        if (operation.getParameters() != null) {
            operation.getParameters().stream().map(Parameter::getName).forEach(names::add);
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            names.add("body");
            operation.getRequestBody().getContent().values().forEach(media -> {
                Schema<?> schema = deref(openApi, media.getSchema());
                if (schema != null && schema.getProperties() != null) {
                    names.addAll(schema.getProperties().keySet());
                }
            });
        }
        return names;
    }

    private static boolean namesResource(String input) {
        return input.equals("id") || input.equals("phone_number") || input.endsWith("account_connection")
                || input.endsWith("agent") || input.equals("connections");
    }

    private static ApiResponse problem(String status) {
        return new ApiResponse().description(ERROR_DESCRIPTIONS.getOrDefault(status, "A problem detail"))
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** Every property of an object a successful response carries is written, null or not: all are required. */
    private static void requireEveryResponseProperty(OpenAPI openApi) {
        Set<String> seen = new HashSet<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().values().forEach(media -> require(openApi, media.getSchema(), seen));
                }
            });
        }));
    }

    @SuppressWarnings("rawtypes")
    private static void require(OpenAPI openApi, @Nullable Schema schema, Set<String> seen) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (seen.add(name)) {
                require(openApi, deref(openApi, schema), seen);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.setRequired(new ArrayList<>(((Map<String, ?>) schema.getProperties()).keySet()));
            for (Object property : schema.getProperties().values()) {
                require(openApi, (Schema) property, seen);
            }
        }
        require(openApi, schema.getItems(), seen);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            require(openApi, additional, seen);
        }
        for (List<Schema> composed : new List[] {schema.getAnyOf(), schema.getOneOf(), schema.getAllOf()}) {
            if (composed != null) {
                composed.forEach(s -> require(openApi, s, seen));
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static @Nullable Schema deref(OpenAPI openApi, @Nullable Schema schema) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        return openApi.getComponents() == null || openApi.getComponents().getSchemas() == null ? null
                : openApi.getComponents().getSchemas().get(name);
    }

    /** RFC 9457 problem detail as {@code web.ProblemHandler} writes it. */
    static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri-reference")
                .description("Stable kind of problem, `urn:switchboard:problem:<kind>`"));
        properties.put("title", new StringSchema().description("Short summary of the kind"));
        properties.put("status", new IntegerSchema().description("The HTTP status"));
        // a 422's detail is the platform SDK's list of {loc, msg, type} (docs/design.md, "Errors"); others a sentence
        Schema<?> validationError = new ObjectSchema().description("One thing wrong, as the platform's SDK reads it");
        validationError.addProperty("loc", new ArraySchema().items(new Schema<>().oneOf(List.of(new StringSchema(),
                new IntegerSchema()))).description("The parameter's path: names and list indexes"));
        validationError.addProperty("msg", new StringSchema());
        validationError.addProperty("type", new StringSchema().description("The problem's kind"));
        validationError.setRequired(List.of("loc", "msg", "type"));
        properties.put("detail", new Schema<>().oneOf(List.of(
                new StringSchema().description("What went wrong with this request, for a person"),
                new ArraySchema().items(validationError).description("For a 422: every problem, as the platform's "
                        + "SDK reads it (its HTTPValidationError)"))));
        properties.put("instance", new StringSchema().format("uri-reference"));
        properties.put("request_id", new StringSchema().description("The X-Request-Id of the request"));
        properties.put("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + PARAMETER_ERROR))
                .description("For validation problems: every bad parameter, body field or `filters` key"));
        properties.put("provider", new StringSchema().description("For provider problems: which provider"));
        properties.put("provider_code", new StringSchema().description("The provider's own error code, when it gave one"));
        Schema<?> problem = new ObjectSchema().description("An RFC 9457 problem detail");
        problem.setProperties(properties);
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return problem;
    }

    static Schema<?> parameterErrorSchema() {
        Schema<?> error = new ObjectSchema().description("One thing wrong with a request");
        error.addProperty("parameter", new StringSchema().description(
                "The query parameter (`limit`), `filters` key (`filters.area_code`) or body field path it is about"));
        error.addProperty("message", new StringSchema().description("What is wrong with it"));
        error.setRequired(List.of("parameter", "message"));
        return error;
    }
}
