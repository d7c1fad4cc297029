package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.numbers.PhoneNumberView;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /openapi.json} describes the service as it is: the seed endpoint exactly as the seed page shows it
 * (checked against the seed's example, so the two cannot drift), and every endpoint the code maps.
 */
class OpenApiDescriptionTest extends OnEmbeddedDatabase {

    private static final String SEED = "/seed/available-numbers-example.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private JsonNode doc;
    private SchemaConformance conformance;

    @BeforeEach
    void fetchTheDocument() {
        Response r = api().get("/openapi.json", null);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        doc = r.json();
        conformance = new SchemaConformance(doc, untypedUntilAgentsLand());
    }

    @Test
    void isOpenApi31WithoutABearerToken() {
        assertThat(doc.get("openapi").asString()).startsWith("3.1.");
        assertThat(doc.at("/info/title").asString()).isEqualTo("Switchboard API");
    }

    @Test
    void describesTheSeedEndpointsFourParametersWithTheirRequiredness() {
        JsonNode parameters = operation("/v1/numbers/available", "get").get("parameters");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        parameters.forEach(p -> byName.put(p.get("name").asString(), p));
        assertThat(byName).containsOnlyKeys("telephony_provider", "telephony_account_connection", "limit", "filters");
        byName.values().forEach(p -> assertThat(p.get("in").asString()).isEqualTo("query"));
        assertThat(byName.get("telephony_provider").path("required").asBoolean()).isTrue();
        assertThat(byName.get("telephony_account_connection").path("required").asBoolean()).isTrue();
        assertThat(byName.get("limit").path("required").asBoolean(false)).isFalse();
        assertThat(byName.get("filters").path("required").asBoolean(false)).isFalse();
        // the seed's types: string, string, number, string
        assertThat(SchemaConformance.types(byName.get("telephony_provider").get("schema"))).containsExactly("string");
        assertThat(SchemaConformance.types(byName.get("telephony_account_connection").get("schema"))).containsExactly("string");
        assertThat(SchemaConformance.types(byName.get("limit").get("schema"))).containsExactly("number");
        assertThat(SchemaConformance.types(byName.get("filters").get("schema"))).containsExactly("string");
        assertThat(byName.get("telephony_provider").at("/schema/enum")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("twilio", "telnyx", "vonage", "sandbox");
    }

    @Test
    void everyKeyOfTheSeedsAnswerIsInTheResponseSchemaWithACompatibleType() throws IOException {
        JsonNode seed = seed();
        JsonNode schema = okSchema("/v1/numbers/available", "get");

        // The one departure from the seed's types: a prompt's collect_fields are objects, as the platform's SDK
        // (whose shapes win, API.md) models them; the seed shows them as strings (docs/design.md, "The platform's SDK").
        assertThat(conformance.check(seed, schema)).as("seed keys the response schema lacks or mistypes")
                .filteredOn(p -> !p.startsWith("$.items[0].inbound_agent.prompt.collect_fields["))
                .isEmpty();
        // the platform's page fields beside the seed's items and total
        assertThat(conformance.resolve(schema).get("required")).extracting(JsonNode::asString)
                .contains("items", "total", "page", "size", "has_more", "total_is_estimated");
    }

    @Test
    void theCheckFailsOnASeedKeyTheSchemaLacksOrMistypes() throws IOException {
        JsonNode schema = okSchema("/v1/numbers/available", "get");
        JsonNode drifted = seed().deepCopy();
        var item = (tools.jackson.databind.node.ObjectNode) drifted.get("items").get(0);
        item.put("not_in_the_schema", 1);
        item.put("outbound_only", "yes");
        ((tools.jackson.databind.node.ObjectNode) item.get("telephony_account_connection")).put("colour", "blue");

        assertThat(conformance.check(drifted, schema)).anyMatch(p -> p.startsWith("$.items[0].not_in_the_schema:"))
                .anyMatch(p -> p.startsWith("$.items[0].outbound_only:"))
                .anyMatch(p -> p.startsWith("$.items[0].telephony_account_connection.colour:"));
    }

    @Test
    void anAccountConnectionIsDescribedWithEveryKeyOfTheSeedsConnection() throws IOException {
        // The seed shows a full connection only as the agent's openai_account_connection; numbers carry the same shape.
        JsonNode connection = seed().at("/items/0/inbound_agent/openai_account_connection");
        JsonNode item = conformance.resolve(conformance.resolve(okSchema("/v1/numbers/available", "get"))
                .at("/properties/items/items"));
        assertThat(conformance.check(connection, item.at("/properties/telephony_account_connection"))).isEmpty();
    }

    @Test
    void keysThatAreNullOnNumbersOnSaleAdmitNull() {
        JsonNode item = conformance.resolve(conformance.resolve(okSchema("/v1/numbers/available", "get"))
                .at("/properties/items/items"));
        for (String key : List.of("id", "user_id", "label", "inbound_agent", "inbound_agent_name", "description")) {
            assertThat(conformance.admitsNull(item.at("/properties/" + key))).as(key).isTrue();
        }
        for (String key : List.of("number", "active", "outbound_only", "telephony_provider", "example_context")) {
            assertThat(conformance.admitsNull(item.at("/properties/" + key))).as(key).isFalse();
        }
        // every key is always written, null or not
        assertThat(item.get("required")).extracting(JsonNode::asString)
                .containsAll(() -> item.get("properties").propertyNames().iterator());
    }

    @Test
    void answersEveryFailureOfTheContractAsAProblemDetail() {
        JsonNode responses = operation("/v1/numbers/available", "get").get("responses");
        for (String status : List.of("401", "404", "422", "502", "503", "504")) {
            JsonNode media = responses.path(status).path("content").path("application/problem+json");
            assertThat(media.isObject()).as("%s as application/problem+json", status).isTrue();
            JsonNode problem = conformance.resolve(media.get("schema"));
            assertThat(problem.get("properties").propertyNames())
                    .contains("type", "title", "status", "detail", "errors", "request_id");
            JsonNode error = conformance.resolve(problem.at("/properties/errors/items"));
            assertThat(error.get("properties").propertyNames()).contains("parameter", "message");
        }
        assertThat(responses.at("/401/headers/WWW-Authenticate").isObject()).isTrue();
        assertThat(responses.at("/503/headers/Retry-After").isObject()).isTrue();
    }

    @Test
    void declaresTheRequestBudgetAndTheBodyLimit() {
        JsonNode search = operation("/v1/numbers/available", "get").get("responses");
        assertThat(search.path("429").path("headers").propertyNames()).contains("Retry-After", "RateLimit",
                "RateLimit-Policy");
        assertThat(search.has("413")).as("a GET takes no body").isFalse();
        JsonNode buy = operation("/v1/numbers/buy", "post").get("responses");
        assertThat(buy.path("413").path("content").has("application/problem+json")).isTrue();
        assertThat(buy.has("429")).isTrue();
    }

    @Test
    void aRealProblemBodyMatchesTheProblemSchema() {
        String key = newUser();
        Response invalid = api().get("/v1/numbers/available?telephony_provider=sandbox&limit=500", key);
        assertThat(invalid.status()).isEqualTo(422);
        JsonNode problem = operation("/v1/numbers/available", "get").at("/responses/422/content")
                .get("application/problem+json").get("schema");
        assertThat(new SchemaConformance(doc, path -> false).check(invalid.json(), problem)).isEmpty();
    }

    @Test
    void aRealAnswerMatchesTheResponseSchema() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response ok = api().get("/v1/numbers/available?telephony_provider=sandbox&limit=3&telephony_account_connection="
                + connection, key);
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().get("items")).isNotEmpty();
        assertThat(new SchemaConformance(doc, path -> false).check(ok.json(), okSchema("/v1/numbers/available", "get")))
                .isEmpty();
    }

    @Test
    void describesTheSearchAcrossAccountsAndARealAnswerMatchesIt() {
        JsonNode op = operation("/v1/numbers/available/all", "get");
        assertThat(op.get("parameters")).extracting(p -> p.get("name").asString())
                .containsExactlyInAnyOrder("connections", "limit", "filters");
        for (String status : List.of("401", "404", "422", "503")) {
            assertThat(op.at("/responses/" + status + "/content").has("application/problem+json")).as(status).isTrue();
        }
        JsonNode schema = conformance.resolve(okSchema("/v1/numbers/available/all", "get"));
        assertThat(schema.get("properties").propertyNames()).contains("items", "total", "sources");
        JsonNode source = conformance.resolve(schema.at("/properties/sources/items"));
        assertThat(source.get("properties").propertyNames())
                .contains("telephony_account_connection", "telephony_provider", "status", "count", "error");

        String key = newUser();
        api().newSandboxConnection(key);
        Response ok = api().get("/v1/numbers/available/all?limit=3", key);
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().get("items")).hasSize(3);
        assertThat(new SchemaConformance(doc, path -> false).check(ok.json(), okSchema("/v1/numbers/available/all", "get")))
                .isEmpty();
    }

    @Test
    void apiCallsNeedTheBearerScheme() {
        JsonNode schemes = doc.at("/components/securitySchemes");
        JsonNode apiKey = schemes.get(ApiConventions.API_KEY);
        assertThat(apiKey.get("type").asString()).isEqualTo("http");
        assertThat(apiKey.get("scheme").asString()).isEqualTo("bearer");
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (path.getKey().startsWith("/v1/")) {
                assertThat(op.getValue().at("/security/0").propertyNames()).as(path.getKey())
                        .containsExactly(ApiConventions.API_KEY);
                assertThat(op.getValue().at("/responses/401").isObject()).as(path.getKey()).isTrue();
            }
        }));
    }

    @Test
    void describesEveryEndpointTheServiceMaps() {
        List<String> mapped = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("dev.switchboard")) {
                continue; // springdoc's and Spring's own
            }
            for (String path : e.getKey().getPatternValues()) {
                e.getKey().getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name().toLowerCase() + " " + path));
            }
        }
        assertThat(mapped).contains("get /v1/numbers/available", "post /v1/account_connections/create");
        List<String> described = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> described.add(method + " " + path.getKey())));
        assertThat(described).containsAll(mapped);
        // every operation has a distinct id and a tag
        List<String> ids = new ArrayList<>();
        doc.get("paths").forEach(path -> path.forEach(op -> {
            ids.add(op.get("operationId").asString());
            assertThat(op.get("tags")).isNotEmpty();
        }));
        assertThat(ids).doesNotHaveDuplicates().contains("numbers_available");
        // nothing made up: no query parameter is an object (the caller, an idempotency key, a catch-all map)
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().path("parameters").forEach(p -> assertThat(p.path("schema").has("$ref"))
                        .as("%s %s parameter %s", op.getKey(), path.getKey(), p.get("name")).isFalse())));
    }

    @Test
    void buyTakesAnIdempotencyKeyHeader() {
        JsonNode buy = operation("/v1/numbers/buy", "post");
        List<String> headers = new ArrayList<>();
        buy.path("parameters").forEach(p -> {
            if (p.get("in").asString().equals("header")) {
                headers.add(p.get("name").asString());
            }
        });
        assertThat(headers).contains("Idempotency-Key");
        assertThat(buy.at("/responses/409/content").has("application/problem+json")).isTrue();
    }

    @Test
    void docsIsAReferencePageRenderedFromTheDocument() {
        Response page = api().send(api().builder("/docs").GET(), null);
        String location = page.status() / 100 == 3 ? page.header("Location").replaceFirst("^https?://[^/]+", "") : "/docs";
        Response html = api().send(api().builder(location).GET(), null);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("swagger-ui");
        // its script and its configuration come from this service (no CDN), pointing at /openapi.json
        String folder = location.substring(0, location.lastIndexOf('/') + 1);
        Response bundle = api().send(api().builder(folder + "swagger-ui-bundle.js").GET(), null);
        Response config = api().send(api().builder("/openapi.json/swagger-config").GET(), null);
        assertThat(List.of(bundle.status(), config.status())).as("%s %s", bundle, config).containsOnly(200);
        assertThat(config.json().get("url").asString()).isEqualTo("/openapi.json");
        assertThat(html.body()).doesNotContain("https://");
    }

    private JsonNode operation(String path, String method) {
        JsonNode op = doc.path("paths").path(path).path(method);
        assertThat(op.isObject()).as("%s %s in /openapi.json", method, path).isTrue();
        return op;
    }

    private JsonNode okSchema(String path, String method) {
        JsonNode media = operation(path, method).at("/responses/200/content").get("application/json");
        assertThat(media).as("200 application/json of %s %s", method, path).isNotNull();
        return media.get("schema");
    }

    private static JsonNode seed() throws IOException {
        try (InputStream in = OpenApiDescriptionTest.class.getResourceAsStream(SEED)) {
            return JSON.readTree(in);
        }
    }

    /**
     * Until the agents feature types {@code inbound_agent} (its view of an agent), the number's record declares it
     * as a bare {@code Object}: only then, and only there, may the schema leave the seed's agent undescribed. Once the
     * component has a real type, the seed's whole agent, nested objects included, is checked like everything else.
     */
    private static Predicate<String> untypedUntilAgentsLand() {
        boolean stillUntyped = Arrays.stream(PhoneNumberView.class.getRecordComponents())
                .anyMatch(c -> c.getName().equals("inboundAgent") && c.getType() == Object.class);
        return path -> stillUntyped && path.equals("$.items[0].inbound_agent");
    }
}
