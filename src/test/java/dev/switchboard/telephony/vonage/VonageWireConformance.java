package dev.switchboard.telephony.vonage;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.anyOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.headerContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isRequest;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isResponse;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusTypeIs;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.StatusType;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the emulator's traffic against Vonage's official Numbers API document ({@code provider-specs/
 * vonage_numbers.yml}, version 1.0.20), so neither the adapter's requests nor the emulator's answers can drift from it.
 *
 * <p>Where Vonage's live API departs from its own document, exactly that departure is allowed, each with its evidence;
 * everything else the validator reports is a violation. Query parameters the document does not know are violations
 * too (the validator's default only ignores them), which catches a misspelt parameter Vonage would silently drop.
 */
final class VonageWireConformance {

    private static final String SPEC = "/provider-specs/vonage_numbers.yml";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The document's departures from the wire, each allowed narrowly:
     *
     * <ul>
     *   <li>Error statuses the document leaves out (400, 404, 420 on a search, 429, 5xx): their bodies are checked
     *       against Vonage's error shapes instead (see {@link #checkErrorShape}).
     *   <li>A form-encoded {@code msisdn} ({@code 14155550123}) read as an integer: the validator guesses the types of
     *       form values, and the document's string (an msisdn is digits, kept as text) then looks wrong. Every form
     *       value is text on the wire.
     * </ul>
     *
     * <p>Credentials are checked by {@link #checkCredentials} rather than by the validator, which checks only security
     * declared on an operation, while Vonage's document declares it once for the whole API.
     */
    private static final ValidationErrorsWhitelist LIVE_WIRE_DEPARTURES = ValidationErrorsWhitelist.create()
            .withRule("error statuses not in the document", allOf(isResponse(),
                    messageHasKey("validation.response.status.unknown"),
                    anyOf(responseStatusTypeIs(StatusType.CLIENT_ERROR),
                            responseStatusTypeIs(StatusType.SERVER_ERROR))))
            .withRule("form values are text", allOf(isRequest(),
                    messageHasKey("validation.request.body.schema.type"),
                    messageContainsRegexp("^\\[Path '/msisdn'\\] Instance type \\(integer\\)"),
                    headerContainsRegexp("Content-Type", "^application/x-www-form-urlencoded")));

    private VonageWireConformance() {}

    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = load();
    }

    /** Loaded once per JVM and warmed up, so the first request of a test with a short deadline is not slow. */
    static OpenApiInteractionValidator validator() {
        return Holder.VALIDATOR;
    }

    static void checkRequest(String method, String path, Map<String, List<String>> query,
            @Nullable String authorization, @Nullable String contentType, String body, List<String> violations) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        if (authorization != null) {
            request.withAuthorization(authorization);
        }
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (!body.isEmpty()) {
            request.withBody(body);
        }
        String where = "request " + method + " " + path + " " + query;
        report(validator().validateRequest(request.build()), where, violations);
        checkCredentials(query, authorization, where, violations);
    }

    /**
     * Every call carries the API key and secret: as the {@code api_key} and {@code api_secret} query parameters the
     * document declares, or as an HTTP basic {@code Authorization} header, which is how the official Java SDK sends
     * them to these endpoints ({@code NumbersEndpointTestSpec} expects {@code ApiKeyHeaderAuthMethod}), as do the .NET
     * SDK ({@code AuthType.Basic}) and the Python SDK ({@code auth_type='header'}).
     */
    private static void checkCredentials(Map<String, List<String>> query, @Nullable String authorization,
            String where, List<String> violations) {
        boolean inQuery = query.containsKey("api_key") && query.containsKey("api_secret");
        boolean basic = authorization != null && authorization.matches("(?i)^Basic [A-Za-z0-9+/]+=*$");
        if (!inQuery && !basic) {
            violations.add(where + ": no credentials, neither api_key/api_secret query parameters nor basic auth");
        }
    }

    static void checkResponse(String method, String path, int status, @Nullable String contentType, String body,
            List<String> violations) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withBody(body);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        String where = "response " + status + " to " + method + " " + path;
        report(validator().validateResponse(path, Request.Method.valueOf(method), response.build()), where,
                violations);
        if (status >= 400) {
            checkErrorShape(body, where, violations);
        }
    }

    /**
     * Vonage's error bodies come in three shapes, and an error the emulator sends must be one of them: the Numbers
     * API's {@code {"error-code": "420", "error-code-label": "method failed"}} (both strings: the document's
     * {@code response420}; a live one is quoted in Nexmo/nexmo-cli#233), the RFC 7807 body of Vonage's gateway
     * ({@code type}, {@code title}, {@code detail}, {@code instance}: developer.vonage.com/api-errors), and, for a
     * missing or malformed parameter, an object naming the parameter ({@code {"country": "Is required."}}, quoted
     * from a live 400 in Vonage/vonage-ruby-sdk#95).
     */
    static void checkErrorShape(String body, String where, List<String> violations) {
        try {
            JsonNode error = JSON.readTree(body);
            boolean legacy = error.path("error-code").isString() && error.path("error-code-label").isString();
            boolean problem = error.path("type").isString() && error.path("title").isString()
                    && error.path("detail").isString() && error.path("instance").isString();
            boolean parameters = error.isObject() && !error.isEmpty()
                    && error.properties().stream().allMatch(entry -> entry.getValue().isString());
            if (!legacy && !problem && !parameters) {
                violations.add(where + ": not one of Vonage's error shapes: " + body);
            }
        } catch (RuntimeException e) {
            violations.add(where + ": error body is not JSON: " + body);
        }
    }

    private static void report(ValidationReport report, String where, List<String> violations) {
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> violations.add(where + ": " + message.getKey() + ": " + message.getMessage()));
    }

    private static OpenApiInteractionValidator load() {
        String spec;
        try (InputStream in = Objects.requireNonNull(VonageWireConformance.class.getResourceAsStream(SPEC), SPEC)) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
                        .build())
                .withWhitelist(LIVE_WIRE_DEPARTURES)
                .build();
        validator.validateRequest(SimpleRequest.Builder.get("/number/search").withQueryParam("country", "US")
                .withAuthorization("Basic eDp5").build());
        validator.validateResponse("/number/search", Request.Method.GET, SimpleResponse.Builder.ok()
                .withContentType("application/json").withBody("{\"count\": 0}").build());
        return validator;
    }
}
