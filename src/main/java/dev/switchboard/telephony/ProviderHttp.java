package dev.switchboard.telephony;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTTP exchange every provider adapter makes the same way: one pooled JDK client for every account (credentials
 * travel with each call, never through a redirect), a deadline over the whole exchange including the body, a cap on
 * how much of an answer is read, and every transport failure (no connection, a reset, a timeout, an interrupt)
 * translated into a {@link ProviderFault}. What a provider's statuses and error bodies mean stays in its adapter.
 *
 * <p>An answer whose status line or headers are not HTTP leaves its connection open in the JDK client (up to at least
 * JDK 25 the client fails the exchange but never closes that connection; it stays until the provider closes it), so
 * each such answer would hold a socket for good. The client that received one is replaced and shut down: calls still
 * running on it finish, and then it closes every connection it had, the abandoned ones included.
 */
public final class ProviderHttp implements AutoCloseable {

    /** The longest a provider's own message is quoted to the API's caller. */
    private static final int MAX_QUOTED_MESSAGE = 200;

    private final TelephonyProviderName provider;
    private final String label;
    private final URI base;
    private final String baseUrl;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Duration defaultRetryAfter;
    private final Duration connectTimeout;
    /** Sending holds the read lock, replacing the client the write lock: no call is sent on a client shut down. */
    private final ReadWriteLock clientSwap = new ReentrantReadWriteLock();
    private HttpClient http;

    /**
     * @param baseUrl the provider's API root; paths are appended to it
     * @param maxBodyBytes the most read of one answer: a body far larger than the provider's JSON could exhaust the
     *     heap, so the connection is closed past it
     * @param defaultRetryAfter the wait a 429 without a usable {@code Retry-After} means
     */
    public ProviderHttp(TelephonyProviderName provider, URI baseUrl, Duration connectTimeout, Clock clock,
            int maxBodyBytes, Duration defaultRetryAfter) {
        this.provider = provider;
        this.label = label(provider);
        this.base = baseUrl;
        String url = baseUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.defaultRetryAfter = defaultRetryAfter;
        this.connectTimeout = connectTimeout;
        this.http = newClient();
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // The default executor is a pool of platform threads that grows with each burst of calls (dozens
                // under 200 concurrent searches) and keeps them a minute; its tasks are short, virtual threads do,
                // with fewer hand-offs between OS threads (bench/run: ~15% less CPU per search at 512 at once).
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                // A redirect would carry the Authorization header to wherever the provider (or a proxy) points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The provider's API root as configured. */
    public URI base() {
        return base;
    }

    /**
     * Sends one request within what is left of the deadline and reads the whole answer, whatever its status.
     * Never retried here: a POST that buys a number must reach the provider at most once.
     *
     * @param pathAndQuery appended to the API root, already encoded
     * @param authorization the {@code Authorization} header value
     * @param contentType the body's media type; null without a body
     * @param body the request body; null for none
     * @throws ProviderFault.TimedOut when the deadline passes before the whole answer arrived
     * @throws ProviderFault.Unavailable when there is no connection, it fails, the answer is too large, or the
     *     calling thread is interrupted
     */
    public HttpResponse<byte[]> send(String method, String pathAndQuery, String authorization,
            @Nullable String contentType, HttpRequest.@Nullable BodyPublisher body, Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            throw new ProviderFault.TimedOut(provider, deadline.budget());
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                    .timeout(remaining)
                    .header("Authorization", authorization)
                    .header("Accept", "application/json")
                    .header("User-Agent", "switchboard-" + provider.wireName() + "-adapter")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            // Never the exception's message: a header value the client refuses would be named in it.
            throw new ProviderFault.Unavailable(provider, null, label + "'s address or the request is not valid", null);
        }
        // The request timeout above only covers the wait for the status line; the future covers the body too.
        HttpClient client;
        CompletableFuture<HttpResponse<byte[]>> answer;
        clientSwap.readLock().lock();
        try {
            client = http;
            answer = client.sendAsync(request, info -> new CappedBody(maxBodyBytes));
        } finally {
            clientSwap.readLock().unlock();
        }
        try {
            return answer.get(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new ProviderFault.TimedOut(provider, deadline.budget());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFault.Unavailable(provider, null, "The call to " + label + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                throw new ProviderFault.TimedOut(provider, deadline.budget());
            }
            if (cause instanceof TooLarge) {
                throw new ProviderFault.Unavailable(provider, null,
                        label + "'s answer was larger than " + maxBodyBytes + " bytes; not read", null);
            }
            if (cause instanceof ProtocolException) {
                replace(client);
                throw unreadable(provider, cause);
            }
            if (cause instanceof ConnectException) {
                throw new ProviderFault.Unavailable(provider, null, "Could not connect to " + label, cause);
            }
            if (cause instanceof IOException) {
                throw new ProviderFault.Unavailable(provider, null,
                        "The connection to " + label + " failed before its answer was complete", cause);
            }
            throw new ProviderFault.Unavailable(provider, null, "The call to " + label + " failed", cause);
        }
    }

    /**
     * The wait a 429 asks for: its {@code Retry-After} in seconds or as an HTTP-date, never under a second (a retry
     * at once is how a rate limit turns into a stampede), and the provider's default when it gives none we can read.
     */
    public Duration retryAfter(HttpHeaders headers) {
        Optional<String> header = headers.firstValue("Retry-After").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return defaultRetryAfter;
        }
        String value = header.get();
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : until;
            } catch (DateTimeParseException notADate) {
                return defaultRetryAfter;
            }
        }
    }

    /** Shuts the client down that left a connection open, after its running calls; later calls get a new one. */
    private void replace(HttpClient client) {
        clientSwap.writeLock().lock();
        try {
            if (http == client) {
                http = newClient();
                client.shutdown();
            }
        } finally {
            clientSwap.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        clientSwap.writeLock().lock();
        try {
            http.close();
        } finally {
            clientSwap.writeLock().unlock();
        }
    }

    /** Reads a 2xx body as the given wire type; a body that is not it is the provider failing. */
    public static <T> T read(TelephonyProviderName provider, ObjectMapper mapper, byte[] body, Class<T> type) {
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JacksonException e) {
            throw unreadable(provider, e);
        }
        if (value == null) {
            throw unreadable(provider, null);
        }
        return value;
    }

    /** The fault of an answer that could not be read. */
    public static ProviderFault.Unavailable unreadable(TelephonyProviderName provider, @Nullable Throwable cause) {
        return new ProviderFault.Unavailable(provider, null,
                label(provider) + " sent an answer that could not be read", cause);
    }

    /** The provider's error code as a suffix of a fault message, e.g. {@code " (Twilio error 21452)"}; else empty. */
    public static String withCode(TelephonyProviderName provider, @Nullable String code) {
        return code == null ? "" : " (" + label(provider) + " error " + code + ")";
    }

    /**
     * A provider's own message, fit to show the API's caller: short, on one line, and with the given secrets masked
     * in the unlikely case the provider ever echoed them. Null for no message.
     */
    public static @Nullable String quote(@Nullable String message, String... secrets) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String quoted = message.replaceAll("\\s+", " ").strip();
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                quoted = quoted.replace(secret, "****");
            }
        }
        return quoted.length() > MAX_QUOTED_MESSAGE ? quoted.substring(0, MAX_QUOTED_MESSAGE) + "…" : quoted;
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so no value can add a path segment. */
    public static String pathSegment(String value) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                escaped.append(c);
            } else {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return escaped.toString();
    }

    /**
     * Form-encodes a name or value of a query or form body; a space becomes {@code %20} rather than {@code +}, and a
     * literal {@code +} (as in an E.164 number) becomes {@code %2B}, brackets {@code %5B}/{@code %5D}.
     */
    public static String queryComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The provider's name as messages spell it, e.g. {@code Twilio}. */
    private static String label(TelephonyProviderName provider) {
        String name = provider.wireName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Collects the body as bytes, giving up (and so closing the connection) past the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final int maxBytes;
        private Flow.@Nullable Subscription subscription;
        private long received;

        CappedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

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
            if (received > maxBytes) {
                Objects.requireNonNull(subscription).cancel();
                bytes.onError(new TooLarge(maxBytes));
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
        TooLarge(int maxBytes) {
            super("answer larger than " + maxBytes + " bytes");
        }
    }
}
