package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Vonage's Numbers API as the adapter calls it: one pooled HTTP client for every account (credentials travel with
 * each call, as HTTP basic auth), a deadline over the whole exchange including the body, and every failure
 * translated here, at the edge, into a {@link ProviderFault}, so nothing above the adapter ever sees a Vonage status.
 *
 * <p>Credentials go in the {@code Authorization} header, as the official Java SDK sends them to these endpoints
 * ({@code ApiKeyHeaderAuthMethod}), rather than as the {@code api_key}/{@code api_secret} query parameters the
 * OpenAPI document also allows: a query string ends up in access logs and proxies, a header does not.
 */
final class VonageApi implements AutoCloseable {

    private static final TelephonyProviderName VONAGE = TelephonyProviderName.VONAGE;

    /**
     * Retry-After when Vonage's 429 gives none. Vonage documents no value for the Numbers API; a few seconds keep
     * clients from hammering the account straight back into the limit.
     */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /** A page of 100 numbers is a few tens of kilobytes; anything far larger is not Vonage's JSON. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** RFC 7807 error types (the fragment of {@code .../api-errors#...}) that mean the credentials do not work. */
    private static final Set<String> CREDENTIAL_TYPES =
            Set.of("unauthorized", "forbidden", "invalid-api-key", "unprovisioned", "account-suspended");

    /** RFC 7807 error types that mean Vonage is rate-limiting the account. */
    private static final Set<String> RATE_LIMIT_TYPES = Set.of("throttled", "rate-limit");

    private final ProviderHttp http;

    VonageApi(URI baseUrl, Duration connectTimeout, Clock clock) {
        this.http = new ProviderHttp(VONAGE, baseUrl, connectTimeout, clock, MAX_BODY_BYTES, DEFAULT_RETRY_AFTER);
    }

    /** Vonage's answer to one call: status, headers and the body as bytes. */

    /**
     * GETs one of Vonage's lists within what is left of the deadline.
     *
     * @throws ProviderFault for every answer but a successful one that reads as {@code type}
     */
    <T> T get(ProviderCredentials.Vonage credentials, VonageRequest request, Class<T> type, Deadline deadline) {
        ProviderHttp.Answer answer = exchange(credentials, request, deadline);
        if (answer.status() < 200 || answer.status() >= 300) {
            throw translate(answer, credentials, request);
        }
        // A 200 may still carry Vonage's error keys: only "200" in them means success.
        VonageWire.Error error = readError(answer.body());
        if (error.numericCode().filter(code -> code != 200).isPresent()) {
            throw translate(answer, credentials, request);
        }
        return read(answer.body(), type);
    }

    /** Sends one call within what is left of the deadline and returns whatever Vonage answered. */
    ProviderHttp.Answer exchange(ProviderCredentials.Vonage credentials, VonageRequest request, Deadline deadline) {
        boolean post = request.method().equals("POST");
        return http.send(request.method(), request.pathAndQuery(),
                basicAuthorization(credentials), post ? "application/x-www-form-urlencoded" : null,
                post ? request.encodedParameters().getBytes(StandardCharsets.UTF_8) : null, deadline);
    }

    /**
     * The fault an unsuccessful answer means. The status and Vonage's own code both count: the Numbers API may say
     * {@code "error-code": "401"} where a gateway in front of it says 401 with an RFC 7807 body.
     *
     * <ul>
     *   <li>401, 403, or an RFC 7807 type saying the credentials or account do not work: {@code RejectedCredentials}.
     *   <li>429, or the RFC 7807 types {@code throttled}/{@code rate-limit}: {@code RateLimited}, with Vonage's
     *       {@code Retry-After} when it sends one. (420 is not one of them: it is the Numbers API's generic "method
     *       failed", answered for wrong arguments as much as for a number not on sale.)
     *   <li>Any other 4xx, 420 included: {@code RejectedRequest}, naming the filter when Vonage names the parameter;
     *       except 404, which at these fixed paths means the configured address is not Vonage's Numbers API.
     *   <li>5xx and anything else: {@code Unavailable}, with Vonage's code.
     * </ul>
     */
    ProviderFault translate(ProviderHttp.Answer answer, ProviderCredentials.Vonage credentials, VonageRequest request) {
        VonageWire.Error error = readError(answer.body());
        int status = answer.status() >= 200 && answer.status() < 300
                ? error.numericCode().orElse(500)
                : answer.status();
        int code = error.numericCode().filter(c -> c >= 400).orElse(status);
        String vonageCode = error.code();
        String typeKey = vonageCode == null ? "" : vonageCode.toLowerCase(Locale.ROOT);
        String quoted = quote(error.message(), credentials);
        // Vonage's own word wins over the status: a gateway may say "throttled" under a 403.
        if (status == 429 || code == 429 || RATE_LIMIT_TYPES.contains(typeKey)) {
            return new ProviderFault.RateLimited(VONAGE, http.retryAfter(answer.headers()));
        }
        if (status == 401 || status == 403 || code == 401 || code == 403 || CREDENTIAL_TYPES.contains(typeKey)) {
            return new ProviderFault.RejectedCredentials(VONAGE,
                    "Vonage rejected the account connection's credentials" + withCode(vonageCode));
        }
        if (status == 404) {
            return new ProviderFault.Unavailable(VONAGE, vonageCode,
                    "Vonage has no " + request.path() + " at the configured address (HTTP 404)", null);
        }
        if (status >= 400 && status < 500) {
            return new ProviderFault.RejectedRequest(VONAGE, filterNamedIn(answer.body(), error, request), vonageCode,
                    "Vonage refused the request" + (quoted == null ? "" : ": " + quoted) + withCode(vonageCode));
        }
        return new ProviderFault.Unavailable(VONAGE, vonageCode,
                "Vonage failed to answer (HTTP " + answer.status() + ")" + withCode(vonageCode), null);
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * The filter a refusal is about, when Vonage names the parameter: in RFC 7807 {@code invalid_parameters}, as a
     * key of a body such as {@code {"country": "Is required."}}, or as a word of its message ({@code "Invalid
     * pattern"}). Only parameters the adapter sent on behalf of a filter count.
     */
    static @Nullable String filterNamedIn(byte[] body, VonageWire.Error error, VonageRequest request) {
        List<String> named = new ArrayList<>();
        if (error.invalidParameters() != null) {
            error.invalidParameters().stream().filter(Objects::nonNull).map(VonageWire.InvalidParameter::name)
                    .filter(Objects::nonNull).forEach(named::add);
        }
        readTree(body).ifPresent(tree -> tree.propertyNames().forEach(named::add));
        for (String message : new String[] {error.errorCodeLabel(), error.title(), error.detail()}) {
            if (message != null) {
                named.addAll(List.of(message.split("[^A-Za-z0-9_]+")));
            }
        }
        for (String name : named) {
            String filter = request.filterByParameter().get(name.strip().toLowerCase(Locale.ROOT));
            if (filter != null) {
                return filter;
            }
        }
        return null;
    }

    static <T> T read(byte[] body, Class<T> type) {
        return ProviderHttp.read(VONAGE, VonageWire.MAPPER, body, type);
    }

    /** Vonage's error body when there is one; a proxy's HTML page or an empty body reads as no error details. */
    static VonageWire.Error readError(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                VonageWire.Error error = VonageWire.MAPPER.readValue(text, VonageWire.Error.class);
                if (error != null) {
                    return error;
                }
            } catch (JacksonException e) {
                // Not one of Vonage's error shapes: the status alone says what happened.
            }
        }
        return VonageWire.Error.NONE;
    }

    private static Optional<JsonNode> readTree(byte[] body) {
        try {
            JsonNode tree = VonageWire.MAPPER.readTree(body);
            return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * Vonage's own message, fit to show the API's caller: short, on one line, and with the API key and secret masked
     * in case Vonage ever echoed them.
     */
    static @Nullable String quote(@Nullable String message, ProviderCredentials.Vonage credentials) {
        return ProviderHttp.quote(message, credentials.apiSecret(), credentials.apiKey());
    }

    static String withCode(@Nullable String code) {
        return ProviderHttp.withCode(VONAGE, code);
    }

    private static String basicAuthorization(ProviderCredentials.Vonage credentials) {
        String pair = credentials.apiKey() + ":" + credentials.apiSecret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
