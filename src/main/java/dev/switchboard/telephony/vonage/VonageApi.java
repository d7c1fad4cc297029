package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private static final int MAX_QUOTED_MESSAGE = 200;

    /** RFC 7807 error types (the fragment of {@code .../api-errors#...}) that mean the credentials do not work. */
    private static final Set<String> CREDENTIAL_TYPES =
            Set.of("unauthorized", "forbidden", "invalid-api-key", "unprovisioned", "account-suspended");

    /** RFC 7807 error types that mean Vonage is rate-limiting the account. */
    private static final Set<String> RATE_LIMIT_TYPES = Set.of("throttled", "rate-limit");

    private final HttpClient http;
    private final String baseUrl;
    private final Clock clock;

    VonageApi(URI baseUrl, Duration connectTimeout, Clock clock) {
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirect would carry the Authorization header to wherever Vonage (or a proxy) points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Vonage's answer to one call: status, headers and the body as bytes. */
    record Answer(int status, HttpHeaders headers, byte[] body) {}

    /**
     * GETs one of Vonage's lists within what is left of the deadline.
     *
     * @throws ProviderFault for every answer but a successful one that reads as {@code type}
     */
    <T> T get(ProviderCredentials.Vonage credentials, VonageRequest request, Class<T> type, Deadline deadline) {
        Answer answer = exchange(credentials, request, deadline);
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
    Answer exchange(ProviderCredentials.Vonage credentials, VonageRequest request, Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            throw new ProviderFault.TimedOut(VONAGE, deadline.budget());
        }
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                    .timeout(remaining)
                    .header("Authorization", basicAuthorization(credentials))
                    .header("Accept", "application/json")
                    .header("User-Agent", "switchboard-vonage-adapter");
            if (request.method().equals("POST")) {
                builder.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(request.encodedParameters(), StandardCharsets.UTF_8));
            } else {
                builder.GET();
            }
            httpRequest = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ProviderFault.Unavailable(VONAGE, null, "Vonage's address is not a valid URL", null);
        }
        // The request timeout above only covers the wait for the status line; the future covers the body too.
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(httpRequest, info -> new CappedBody());
        HttpResponse<byte[]> response;
        try {
            response = pending.get(Math.max(1, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ProviderFault.TimedOut(VONAGE, deadline.budget());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(VONAGE, null, "The call to Vonage was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                throw new ProviderFault.TimedOut(VONAGE, deadline.budget());
            }
            if (cause instanceof TooLarge) {
                throw new ProviderFault.Unavailable(VONAGE, null,
                        "Vonage's answer was larger than " + MAX_BODY_BYTES + " bytes; not read", null);
            }
            if (cause instanceof ConnectException) {
                throw new ProviderFault.Unavailable(VONAGE, null, "Could not connect to Vonage", cause);
            }
            if (cause instanceof IOException) {
                throw new ProviderFault.Unavailable(VONAGE, null,
                        "The connection to Vonage failed before its answer was complete", cause);
            }
            throw new ProviderFault.Unavailable(VONAGE, null, "The call to Vonage failed", cause);
        }
        return new Answer(response.statusCode(), response.headers(), response.body());
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
    ProviderFault translate(Answer answer, ProviderCredentials.Vonage credentials, VonageRequest request) {
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
            return new ProviderFault.RateLimited(VONAGE, retryAfter(answer.headers()));
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

    /** Collects the body as bytes, giving up (and so closing the connection) past {@link #MAX_BODY_BYTES}. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private Flow.@Nullable Subscription subscription;
        private long received;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            if (received > MAX_BODY_BYTES) {
                Objects.requireNonNull(subscription).cancel();
                bytes.onError(new TooLarge());
                return;
            }
            bytes.onNext(buffers);
        }

        @Override
        public void onError(Throwable failure) {
            bytes.onError(failure);
        }

        @Override
        public void onComplete() {
            bytes.onComplete();
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    static <T> T read(byte[] body, Class<T> type) {
        T value;
        try {
            value = VonageWire.MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
        if (value == null) {
            throw unreadable(null);
        }
        return value;
    }

    private static ProviderFault.Unavailable unreadable(@Nullable Throwable cause) {
        return new ProviderFault.Unavailable(VONAGE, null, "Vonage sent an answer that could not be read", cause);
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

    private Duration retryAfter(HttpHeaders headers) {
        Optional<String> header = headers.firstValue("Retry-After").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.get();
        try {
            // Never tell clients to retry at once: that is how a rate limit turns into a stampede.
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : until;
            } catch (DateTimeParseException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    /**
     * Vonage's own message, fit to show the API's caller: short, on one line, and with the API key and secret masked
     * in case Vonage ever echoed them.
     */
    static @Nullable String quote(@Nullable String message, ProviderCredentials.Vonage credentials) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String quoted = message.replaceAll("\\s+", " ").strip();
        for (String secret : List.of(credentials.apiSecret(), credentials.apiKey())) {
            if (!secret.isEmpty()) {
                quoted = quoted.replace(secret, "****");
            }
        }
        return quoted.length() > MAX_QUOTED_MESSAGE ? quoted.substring(0, MAX_QUOTED_MESSAGE) + "…" : quoted;
    }

    static String withCode(@Nullable String code) {
        return code == null ? "" : " (Vonage error " + code + ")";
    }

    private static String basicAuthorization(ProviderCredentials.Vonage credentials) {
        String pair = credentials.apiKey() + ":" + credentials.apiSecret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
