package dev.switchboard.telephony.twilio;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.anyOf;
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
 * Checks the emulator's traffic against Twilio's official OpenAPI document ({@code provider-specs/
 * twilio_api_v2010_numbers.json}), so neither the adapter's requests nor the emulator's answers can drift from it.
 *
 * <p>Where Twilio's live wire format departs from its own document, exactly that departure is allowed, each with
 * its evidence; everything else the validator reports is a violation. Query parameters the document does not
 * know are violations too (the validator's default only ignores them), which catches a misspelt parameter that
 * Twilio would silently drop.
 */
final class TwilioWireConformance {

    private static final String SPEC = "/provider-specs/twilio_api_v2010_numbers.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The document's departures from the wire, each allowed narrowly:
     *
     * <ul>
     *   <li>AvailablePhoneNumbers spells capabilities {@code "MMS"}/{@code "SMS"}; the document says {@code mms}/{@code
     *       sms}. Evidence: twilio-java binds {@code @JsonProperty("MMS")}/{@code ("SMS")} in
     *       {@code com.twilio.type.PhoneNumberCapabilities}; a live answer is quoted in twilio/twilio-php#783.
     *   <li>{@code latitude}/{@code longitude} are strings ({@code "19.720000"}); the document says number, yet its
     *       own {@code readFull} example (and twilio-java's {@code LocalTest} fixture) has strings.
     *   <li>An unset {@code sms_application_sid}/{@code voice_application_sid} is {@code ""}, which fails the
     *       document's {@code ^AP...} pattern; the document's own {@code readFull} example has {@code ""}. The same
     *       holds for the single IncomingPhoneNumber a purchase answers.
     *   <li>Not a departure of Twilio's but of the validator's: it reads a form value that looks like a number
     *       ({@code PhoneNumber=%2B14155550123}) as a JSON number before checking the document's {@code string};
     *       a form body has only strings. Allowed for {@code PhoneNumber} only.
     *   <li>Error statuses (401, 404, 429, 5xx...) are not in the excerpt at all; their bodies are checked against
     *       Twilio's error shape instead (twilio-java {@code RestException}: code, message, more_info, status).
     * </ul>
     */
    private static final ValidationErrorsWhitelist LIVE_WIRE_DEPARTURES = ValidationErrorsWhitelist.create()
            .withRule("AvailablePhoneNumbers capabilities spelt MMS/SMS", allOf(isResponse(),
                    messageHasKey("validation.response.body.schema.additionalProperties"),
                    messageContainsRegexp("^\\[Path '/available_phone_numbers/\\d+/capabilities'\\] "
                            + ".*: \\[(\"MMS\"|\"SMS\"|,)+\\]$")))
            .withRule("latitude/longitude sent as strings", allOf(isResponse(),
                    messageHasKey("validation.response.body.schema.type"),
                    messageContainsRegexp("^\\[Path '/available_phone_numbers/\\d+/(latitude|longitude)'\\] "
                            + "Instance type \\(string\\)")))
            .withRule("unset application SID sent as empty string", allOf(isResponse(),
                    anyOf(messageHasKey("validation.response.body.schema.minLength"),
                            messageHasKey("validation.response.body.schema.pattern")),
                    messageContainsRegexp("^\\[Path '(/incoming_phone_numbers/\\d+)?/(sms|voice)_application_sid'\\] "
                            + ".*(length: 0|input string \"\")")))
            .withRule("form values that look like numbers read as numbers by the validator", allOf(isRequest(),
                    messageHasKey("validation.request.body.schema.type"),
                    messageContainsRegexp("^\\[Path '/PhoneNumber'\\] Instance type \\((integer|number)\\) does not match "
                            + "any allowed primitive type \\(allowed: \\[\"string\"\\]\\)$")))
            .withRule("error statuses not in the excerpt", allOf(isResponse(),
                    messageHasKey("validation.response.status.unknown"),
                    anyOf(responseStatusTypeIs(StatusType.CLIENT_ERROR),
                            responseStatusTypeIs(StatusType.SERVER_ERROR))));

    private TwilioWireConformance() {}

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
        if (contentType != null) {
            request.withContentType(contentType);
        }
        // Twilio clears a URL sent empty (VoiceUrl=), as its documentation says; the validator reads an empty form
        // value as null, which the document's string type refuses, so empty URL parameters are left out of the check.
        String checked = body.replaceAll("(^|&)(VoiceUrl|SmsUrl|VoiceFallbackUrl|SmsFallbackUrl)=(?=&|$)", "")
                .replaceFirst("^&", "");
        if (!checked.isEmpty()) {
            request.withBody(checked);
        }
        if (authorization != null) {
            request.withAuthorization(authorization);
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
            checkTwilioErrorShape(status, body, where, violations);
        }
    }

    private static void checkTwilioErrorShape(int status, String body, String where, List<String> violations) {
        try {
            JsonNode error = JSON.readTree(body);
            boolean shaped = error.path("code").isInt() && error.path("message").isString()
                    && error.path("more_info").isString() && error.path("status").asInt(-1) == status;
            if (!shaped) {
                violations.add(where + ": not Twilio's error shape {code, message, more_info, status}: " + body);
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
        try (InputStream in = Objects.requireNonNull(TwilioWireConformance.class.getResourceAsStream(SPEC), SPEC)) {
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
        String account = "/2010-04-01/Accounts/AC00000000000000000000000000000000/AvailablePhoneNumbers/US/Local.json";
        validator.validateRequest(SimpleRequest.Builder.get(account).withQueryParam("PageSize", "1")
                .withAuthorization("Basic eDp5").build());
        validator.validateResponse(account, Request.Method.GET, SimpleResponse.Builder.ok()
                .withContentType("application/json").withBody("{\"available_phone_numbers\": [], \"uri\": \"/\"}")
                .build());
        return validator;
    }
}
