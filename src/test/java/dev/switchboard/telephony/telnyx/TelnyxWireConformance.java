package dev.switchboard.telephony.telnyx;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isRequest;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isResponse;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
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
 * Checks the emulator's traffic against Telnyx's official OpenAPI document ({@code provider-specs/
 * telnyx_numbers.json}), so neither the adapter's requests nor the emulator's answers can drift from it.
 *
 * <p>Where Telnyx's live wire departs from its own document, exactly that departure is allowed, each with its
 * evidence; everything else the validator reports is a violation. Query parameters the document does not know are
 * violations too (the validator's default only ignores them), which catches a misspelt {@code filter[...]} that
 * Telnyx would silently drop.
 *
 * <ul>
 *   <li>{@code vanity_format} is {@code null} on an ordinary number; the document says string. Evidence: the
 *       sample answer of Telnyx's own number-search quickstart (developers.telnyx.com, "Quickstart - Number
 *       Search") has {@code "vanity_format": null}.
 *   <li>Unset string fields of a phone number record ({@code connection_id}, {@code messaging_profile_id},
 *       {@code billing_group_id}, {@code customer_reference}, {@code emergency_address_id}, {@code external_pin},
 *       {@code connection_name}, {@code messaging_profile_name}) are {@code null}; later revisions of the same
 *       document mark them nullable.
 *   <li>A phone number record carries {@code updated_at} and {@code hd_voice_enabled}, which the document's schema
 *       leaves out although its own example of the record has both (and later revisions add them).
 * </ul>
 *
 * <p>One limitation of the validator rather than of the wire is allowed too: it cannot read a query parameter whose
 * schema is a {@code oneOf} (string or array), as {@code filter[country_iso_alpha2]} is; the emulator checks that
 * value itself.
 */
final class TelnyxWireConformance {

    private static final String SPEC = "/provider-specs/telnyx_numbers.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ValidationErrorsWhitelist LIVE_WIRE_DEPARTURES = ValidationErrorsWhitelist.create()
            .withRule("vanity_format sent as null", allOf(isResponse(),
                    messageHasKey("validation.response.body.schema.type"),
                    messageContainsRegexp("^\\[Path '/data/\\d+/vanity_format'\\] Instance type \\(null\\)")))
            .withRule("unset string fields of a phone number sent as null", allOf(isResponse(),
                    messageHasKey("validation.response.body.schema.type"),
                    messageContainsRegexp("^\\[Path '/data(/\\d+)?/(connection_id|messaging_profile_id|"
                            + "billing_group_id|customer_reference|emergency_address_id|external_pin|connection_name|"
                            + "messaging_profile_name)'\\] Instance type \\(null\\)")))
            .withRule("updated_at and hd_voice_enabled, in the document's example but not its schema", allOf(
                    isResponse(), messageHasKey("validation.response.body.schema.additionalProperties"),
                    messageContainsRegexp("^\\[Path '/data(/\\d+)?'\\] Object instance has properties which are not "
                            + "allowed by the schema: \\[(\"hd_voice_enabled\"|\"updated_at\"|,)+\\]$")))
            .withRule("oneOf query parameter the validator cannot parse", allOf(isRequest(),
                    messageHasKey("validation.request.parameter.schema.invalidJson"),
                    messageContainsRegexp("^Unable to parse JSON - Unrecognized token '[A-Z]{2}'")));

    private TelnyxWireConformance() {}

    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = load();
    }

    /** Loaded once per JVM and warmed up, so the first request of a test with a short deadline is not slow. */
    static OpenApiInteractionValidator validator() {
        return Holder.VALIDATOR;
    }

    static void checkRequest(String method, String path, Map<String, List<String>> query,
            @Nullable String authorization, @Nullable String contentType, @Nullable String body,
            List<String> violations) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach(request::withQueryParam);
        if (authorization != null) {
            request.withAuthorization(authorization);
        }
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        report(validator().validateRequest(request.build()), "request " + method + " " + path + " " + query,
                violations);
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
            checkTelnyxErrorShape(body, where, violations);
        }
    }

    /** {@code {"errors": [{"code": "10009", "title": "...", ...}]}}: code and title required, code a string. */
    private static void checkTelnyxErrorShape(String body, String where, List<String> violations) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            boolean shaped = errors.isArray() && !errors.isEmpty();
            for (JsonNode error : errors) {
                shaped &= error.path("code").isString() && error.path("title").isString();
            }
            if (!shaped) {
                violations.add(where + ": not Telnyx's error shape {errors: [{code, title, ...}]}: " + body);
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
        try (InputStream in = Objects.requireNonNull(TelnyxWireConformance.class.getResourceAsStream(SPEC), SPEC)) {
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
        String search = "/v2/available_phone_numbers";
        validator.validateRequest(SimpleRequest.Builder.get(search).withQueryParam("filter[limit]", "1")
                .withAuthorization("Bearer KEYx").build());
        validator.validateResponse(search, Request.Method.GET, SimpleResponse.Builder.ok()
                .withContentType("application/json").withBody("{\"data\": [], \"meta\": {\"total_results\": 0}}")
                .build());
        return validator;
    }
}
