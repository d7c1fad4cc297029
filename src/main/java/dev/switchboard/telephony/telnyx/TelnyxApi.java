package dev.switchboard.telephony.telnyx;

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
import java.util.ArrayList;
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
 * Telnyx's API v2 as the adapter calls it: one pooled HTTP client for every account (the API key travels with each
 * call as a bearer token), a deadline over the whole exchange including the body, and every failure translated
 * here, at the edge, into a {@link ProviderFault}, so nothing above the adapter ever sees a Telnyx HTTP status.
 */
final class TelnyxApi implements AutoCloseable {

    private static final TelephonyProviderName TELNYX = TelephonyProviderName.TELNYX;

    /**
     * Retry-After when Telnyx's 429 gives none. Telnyx documents its limits per minute but no header value; a few
     * seconds keep clients from hammering the account straight back into the limit.
     */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /** The most the adapter reads of one answer: a page of 250 owned numbers is well under 1 MB. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final int MAX_QUOTED_MESSAGE = 200;

    private final HttpClient http;
    private final String baseUrl;
    private final Clock clock;

    TelnyxApi(URI baseUrl, Duration connectTimeout, Clock clock) {
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirect would carry the Authorization header to wherever Telnyx (or a proxy) points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What a call ended in when it did not fail: Telnyx's body, or Telnyx's 404 for a resource it does not have. */
    sealed interface Outcome<T> {
        record Found<T>(T body) implements Outcome<T> {}

        record NotFound<T>(@Nullable String code, @Nullable String message) implements Outcome<T> {}

        /** A 400, 409 or 422 to a call that asked for it to be an outcome (a purchase Telnyx refuses). */
        record Refused<T>(int status, @Nullable String code, @Nullable String message) implements Outcome<T> {}
    }

    /**
     * Sends one request within what is left of the deadline and reads Telnyx's JSON answer as {@code type}.
     *
     * @throws ProviderFault for every failure but a 404
     */
    <T> Outcome<T> call(ProviderCredentials.Telnyx credentials, TelnyxRequest request, Class<T> type,
            Deadline deadline) {
        return call(credentials, request, type, deadline, false);
    }

    /**
     * As {@link #call(ProviderCredentials.Telnyx, TelnyxRequest, Class, Deadline)}, and when {@code refusalIsOutcome}
     * a 400, 409 or 422 is answered as {@link Outcome.Refused} rather than thrown.
     */
    <T> Outcome<T> call(ProviderCredentials.Telnyx credentials, TelnyxRequest request, Class<T> type,
            Deadline deadline, boolean refusalIsOutcome) {
        HttpResponse<byte[]> response = exchange(credentials, request, deadline);
        int status = response.statusCode();
        byte[] body = response.body();
        if (status >= 200 && status < 300) {
            return new Outcome.Found<>(read(body, type));
        }
        TelnyxWire.Error error = readError(body);
        String code = error == null ? null : nullIfBlank(error.code());
        String quoted = quote(error, credentials);
        if (status == 401 || status == 403) {
            throw new ProviderFault.RejectedCredentials(TELNYX,
                    "Telnyx rejected the account connection's API key" + withCode(code));
        }
        if (status == 429) {
            throw new ProviderFault.RateLimited(TELNYX, retryAfter(response));
        }
        if (status == 404) {
            return new Outcome.NotFound<>(code, quoted);
        }
        if (refusalIsOutcome && (status == 400 || status == 409 || status == 422)) {
            return new Outcome.Refused<>(status, code, quoted);
        }
        if (status >= 400 && status < 500) {
            throw new ProviderFault.RejectedRequest(TELNYX, filterNamedIn(error, request), code,
                    "Telnyx refused the request" + (quoted == null ? "" : ": " + quoted) + withCode(code));
        }
        throw new ProviderFault.Unavailable(TELNYX, code,
                "Telnyx failed to answer (HTTP " + status + ")" + withCode(code), null);
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpResponse<byte[]> exchange(ProviderCredentials.Telnyx credentials, TelnyxRequest request,
            Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            throw new ProviderFault.TimedOut(TELNYX, deadline.budget());
        }
        HttpRequest httpRequest;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                    .timeout(remaining)
                    .header("Authorization", "Bearer " + credentials.apiKey())
                    .header("Accept", "application/json")
                    .header("User-Agent", "switchboard-telnyx-adapter");
            if (request.body() != null) {
                builder.header("Content-Type", "application/json")
                        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            } else {
                builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
            }
            httpRequest = builder.build();
        } catch (IllegalArgumentException e) {
            // Never the key: a header value the client refuses would be named in the exception's message.
            throw new ProviderFault.Unavailable(TELNYX, null, "Telnyx's address or the request is not valid", null);
        }
        // The request timeout above only covers the wait for the status line; the future covers the body too.
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(httpRequest, info -> new CappedBody());
        try {
            return answer.get(Math.max(1, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProviderFault.TimedOut(TELNYX, deadline.budget());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(TELNYX, null, "The call to Telnyx was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                throw new ProviderFault.TimedOut(TELNYX, deadline.budget());
            }
            if (cause instanceof TooLarge) {
                throw new ProviderFault.Unavailable(TELNYX, null,
                        "Telnyx's answer was larger than " + MAX_BODY_BYTES + " bytes; not read", null);
            }
            if (cause instanceof ConnectException) {
                throw new ProviderFault.Unavailable(TELNYX, null, "Could not connect to Telnyx", cause);
            }
            if (cause instanceof IOException) {
                throw new ProviderFault.Unavailable(TELNYX, null,
                        "The connection to Telnyx failed before its answer was complete", cause);
            }
            throw new ProviderFault.Unavailable(TELNYX, null, "The call to Telnyx failed", cause);
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

    private static <T> T read(byte[] body, Class<T> type) {
        T value;
        try {
            value = TelnyxWire.MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(e);
        }
        if (value == null) {
            throw unreadable(null);
        }
        return value;
    }

    static ProviderFault.Unavailable unreadable(@Nullable Throwable cause) {
        return new ProviderFault.Unavailable(TELNYX, null, "Telnyx sent an answer that could not be read", cause);
    }

    /** Telnyx's first error when the body is its error shape; a proxy's HTML page or an empty body reads as none. */
    private static TelnyxWire.@Nullable Error readError(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                TelnyxWire.Errors errors = TelnyxWire.MAPPER.readValue(text, TelnyxWire.Errors.class);
                return errors == null ? null : errors.first();
            } catch (JacksonException e) {
                // Not Telnyx's error shape: the status alone says what happened.
            }
        }
        return null;
    }

    /**
     * The search filter a Telnyx error points at: its {@code source.parameter} ({@code filter[administrative_area]})
     * or {@code source.pointer} ({@code /filter/administrative_area}), else a parameter its detail names. Compared
     * without case, brackets, slashes or underscores, so every spelling of one parameter matches.
     */
    static @Nullable String filterNamedIn(TelnyxWire.@Nullable Error error, TelnyxRequest request) {
        if (error == null) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (error.source() != null) {
            candidates.add(error.source().parameter());
            candidates.add(error.source().pointer());
        }
        for (String text : new String[] {error.detail(), error.title()}) {
            if (text != null) {
                candidates.addAll(List.of(text.split("[^A-Za-z0-9_\\[\\]./]+")));
            }
        }
        for (String candidate : candidates) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            String normalized = normalizeParameter(candidate);
            for (Map.Entry<String, String> parameter : request.filterByParameter().entrySet()) {
                if (normalizeParameter(parameter.getKey()).equals(normalized)) {
                    return parameter.getValue();
                }
            }
        }
        return null;
    }

    private static String normalizeParameter(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[\\[\\]/_.]", "");
        return lower.startsWith("filter") ? lower.substring("filter".length()) : lower;
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
     * Telnyx's own words (its title and detail), fit to show the API's caller: short, on one line, and with the API
     * key masked in the unlikely case Telnyx ever echoed it.
     */
    private static @Nullable String quote(TelnyxWire.@Nullable Error error, ProviderCredentials.Telnyx credentials) {
        if (error == null) {
            return null;
        }
        String title = nullIfBlank(error.title());
        String detail = nullIfBlank(error.detail());
        String message = title == null ? detail : detail == null || detail.equalsIgnoreCase(title) ? title
                : title + " (" + detail + ")";
        if (message == null) {
            return null;
        }
        String quoted = message.replaceAll("\\s+", " ").strip();
        if (!credentials.apiKey().isEmpty()) {
            quoted = quoted.replace(credentials.apiKey(), "****");
        }
        return quoted.length() > MAX_QUOTED_MESSAGE ? quoted.substring(0, MAX_QUOTED_MESSAGE) + "…" : quoted;
    }

    private static String withCode(@Nullable String code) {
        return code == null ? "" : " (Telnyx error " + code + ")";
    }

    private static @Nullable String nullIfBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
