package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Twilio's REST API as the adapter calls it: one pooled HTTP client for every account (credentials travel with
 * each call), a deadline over the whole exchange including the body, and every failure translated here, at the
 * edge, into a {@link ProviderFault}, so nothing above the adapter ever sees a Twilio HTTP status.
 */
final class TwilioApi implements AutoCloseable {

    private static final TelephonyProviderName TWILIO = TelephonyProviderName.TWILIO;

    /**
     * Retry-After when Twilio's 429 gives none. Twilio documents no value; its concurrency limits free up within
     * seconds, and a few seconds keep clients from hammering the account straight back into the limit.
     */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private static final int MAX_QUOTED_MESSAGE = 200;

    /**
     * The most the adapter reads of one answer. A full page of 1000 owned numbers is about 1.5 MB; anything far
     * larger is not Twilio's JSON, and reading it whole could exhaust the heap.
     */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final HttpClient http;
    private final String baseUrl;
    private final URI base;
    private final Clock clock;

    TwilioApi(URI baseUrl, Duration connectTimeout, Clock clock) {
        this.base = baseUrl;
        this.baseUrl = stripTrailingSlash(baseUrl.toString());
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirect would carry the Authorization header to wherever Twilio (or a proxy) points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What a GET ended in when it did not fail: Twilio's body, or Twilio's 404 for a resource it does not have. */
    sealed interface Outcome<T> {
        record Found<T>(T body) implements Outcome<T> {}

        record NotFound<T>(@Nullable String code, @Nullable String message) implements Outcome<T> {}
    }

    /**
     * GETs one Twilio resource within what is left of the deadline.
     *
     * @throws ProviderFault for every failure but a 404
     */
    <T> Outcome<T> get(ProviderCredentials.Twilio credentials, TwilioRequest request, Class<T> type, Deadline deadline) {
        Reply reply = call(credentials, "GET", request, null, deadline);
        if (reply.succeeded()) {
            return new Outcome.Found<>(read(reply.body(), type));
        }
        if (reply.status() == 404) {
            return new Outcome.NotFound<>(reply.code(), reply.quotedMessage());
        }
        throw new ProviderFault.RejectedRequest(TWILIO, filterNamedIn(reply.error().message(), request),
                reply.code(), "Twilio refused the search" + (reply.quotedMessage() == null ? ""
                        : ": " + reply.quotedMessage()) + withCode(reply.code()));
    }

    /**
     * Twilio's answer to one call that it did not refuse for the account's sake: a 2xx, or a 4xx about the request
     * itself (not 401/403/429), whose meaning depends on the call.
     *
     * @param error Twilio's error body of a 4xx, with every field null when it sent none
     * @param quotedMessage Twilio's message, fit to show the API's caller
     */
    record Reply(int status, byte[] body, TwilioWire.Error error, @Nullable String quotedMessage) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        @Nullable String code() {
            return error.codeText();
        }
    }

    /**
     * Sends one call (a GET, a form POST or a DELETE) within what is left of the deadline. Never retried: a POST
     * that buys a number must reach Twilio at most once.
     *
     * @param form the {@code application/x-www-form-urlencoded} body of a POST, already encoded; else null
     * @throws ProviderFault for refused credentials, rate limiting, Twilio's failures and no answer in time
     */
    Reply call(ProviderCredentials.Twilio credentials, String method, TwilioRequest request, @Nullable String form,
            Deadline deadline) {
        HttpResponse<byte[]> response = exchange(credentials, method, request, form, deadline);
        int status = response.statusCode();
        byte[] body = response.body();
        if (status >= 200 && status < 300) {
            return new Reply(status, body, new TwilioWire.Error(null, null, null, null), null);
        }
        TwilioWire.Error error = readError(body);
        String code = error.codeText();
        if (status == 401 || status == 403) {
            throw new ProviderFault.RejectedCredentials(TWILIO,
                    "Twilio rejected the account connection's credentials" + withCode(code));
        }
        if (status == 429) {
            throw new ProviderFault.RateLimited(TWILIO, retryAfter(response));
        }
        if (status >= 400 && status < 500) {
            return new Reply(status, body, error, quote(error.message(), credentials));
        }
        throw new ProviderFault.Unavailable(TWILIO, code,
                "Twilio failed to answer (HTTP " + status + ")" + withCode(code), null);
    }

    /** Reads a 2xx body as the given wire type; a body that is not it is Twilio failing. */
    static <T> T read(byte[] body, Class<T> type) {
        T value;
        try {
            value = TwilioWire.MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
        if (value == null) {
            throw unreadable(null);
        }
        return value;
    }

    static String withCode(@Nullable String code) {
        return code == null ? "" : " (Twilio error " + code + ")";
    }

    /**
     * The request for Twilio's next page. Twilio names it relative to its API root; the adapter follows it only
     * within the same account's resources on the configured host, since it carries the account's credentials.
     */
    TwilioRequest nextPage(TwilioRequest current, String nextPageUri, String accountSid) {
        String pathAndQuery = nextPageUri;
        if (!nextPageUri.startsWith("/")) {
            URI next;
            try {
                next = URI.create(nextPageUri);
            } catch (IllegalArgumentException e) {
                throw unreadable(e);
            }
            boolean sameOrigin = next.isAbsolute() && base.getScheme().equalsIgnoreCase(next.getScheme())
                    && base.getHost() != null && base.getHost().equalsIgnoreCase(next.getHost())
                    && base.getPort() == next.getPort();
            if (!sameOrigin || next.getRawPath() == null) {
                throw new ProviderFault.Unavailable(TWILIO, null,
                        "Twilio pointed its next page at another host; not followed", null);
            }
            pathAndQuery = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
        }
        if (!pathAndQuery.startsWith(TwilioRequest.accountRoot(accountSid))) {
            throw new ProviderFault.Unavailable(TWILIO, null,
                    "Twilio pointed its next page outside the account's numbers; not followed", null);
        }
        return current.at(pathAndQuery);
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<byte[]> exchange(ProviderCredentials.Twilio credentials, String method,
            TwilioRequest request, @Nullable String form, Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            throw new ProviderFault.TimedOut(TWILIO, deadline.budget());
        }
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                    .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
            if (form != null) {
                builder.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            }
            httpRequest = builder
                    .timeout(remaining)
                    .header("Authorization", basicAuthorization(credentials))
                    .header("Accept", "application/json")
                    .header("User-Agent", "switchboard-twilio-adapter")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ProviderFault.Unavailable(TWILIO, null, "Twilio's address is not a valid URL", null);
        }
        // The request timeout above only covers the wait for the status line; the future covers the body too.
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(httpRequest, info -> new CappedBody());
        try {
            return answer.get(Math.max(1, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProviderFault.TimedOut(TWILIO, deadline.budget());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(TWILIO, null, "The call to Twilio was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                throw new ProviderFault.TimedOut(TWILIO, deadline.budget());
            }
            if (cause instanceof TooLarge) {
                throw new ProviderFault.Unavailable(TWILIO, null,
                        "Twilio's answer was larger than " + MAX_BODY_BYTES + " bytes; not read", null);
            }
            if (cause instanceof ConnectException) {
                throw new ProviderFault.Unavailable(TWILIO, null, "Could not connect to Twilio", cause);
            }
            if (cause instanceof IOException) {
                throw new ProviderFault.Unavailable(TWILIO, null,
                        "The connection to Twilio failed before its answer was complete", cause);
            }
            throw new ProviderFault.Unavailable(TWILIO, null, "The call to Twilio failed", cause);
        }
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

    private static ProviderFault.Unavailable unreadable(@Nullable Throwable cause) {
        return new ProviderFault.Unavailable(TWILIO, null, "Twilio sent an answer that could not be read", cause);
    }

    /** Twilio's error body when there is one; a proxy's HTML page or an empty body reads as no error details. */
    private static TwilioWire.Error readError(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                TwilioWire.Error error = TwilioWire.MAPPER.readValue(text, TwilioWire.Error.class);
                if (error != null) {
                    return error;
                }
            } catch (JacksonException e) {
                // Not Twilio's error shape: the status alone says what happened.
            }
        }
        return new TwilioWire.Error(null, null, null, null);
    }

    /**
     * The search filter a Twilio error message names through its parameter, e.g. {@code "Invalid AreaCode"} →
     * {@code area_code}. Compared without case or underscores, so {@code in_postal_code} matches too.
     */
    static @Nullable String filterNamedIn(@Nullable String message, TwilioRequest request) {
        if (message == null) {
            return null;
        }
        for (String word : message.split("[^A-Za-z0-9_]+")) {
            String normalized = normalizeParameter(word);
            for (Map.Entry<String, String> parameter : request.filterByParameter().entrySet()) {
                if (normalizeParameter(parameter.getKey()).equals(normalized)) {
                    return parameter.getValue();
                }
            }
        }
        return null;
    }

    private static String normalizeParameter(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
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
     * Twilio's own message, fit to show the API's caller: short, on one line, and with the auth token masked in
     * the unlikely case Twilio ever echoed it.
     */
    private static @Nullable String quote(@Nullable String message, ProviderCredentials.Twilio credentials) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String quoted = message.replaceAll("\\s+", " ").strip();
        if (!credentials.authToken().isEmpty()) {
            quoted = quoted.replace(credentials.authToken(), "****");
        }
        return quoted.length() > MAX_QUOTED_MESSAGE ? quoted.substring(0, MAX_QUOTED_MESSAGE) + "…" : quoted;
    }

    private static String basicAuthorization(ProviderCredentials.Twilio credentials) {
        String pair = credentials.accountSid() + ":" + credentials.authToken();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
