package dev.switchboard.telephony.http;

import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTTP exchange every provider adapter makes the same way: one pool of connections per provider for every
 * account (credentials travel with each call, never through a redirect), a deadline over the whole exchange
 * including the body, a cap on how much of an answer is read, and every transport failure (no connection, a reset, a
 * timeout, an interrupt) translated into a {@link ProviderFault}. What a provider's statuses and error bodies mean
 * stays in its adapter.
 *
 * <p>The client is Apache HttpClient 5's classic, blocking one, run on the calling virtual
 * thread: reading an answer parks that thread and nothing else. The JDK's asynchronous client cost a quarter of a
 * search's CPU in hand-offs between its selector thread, its executor and the waiting caller (bench/RESULTS.md), and
 * left open the connection of an answer that was not HTTP. Here such a connection is closed with its answer. The
 * deadline is kept by aborting the exchange when it passes, which closes the connection, so a provider that
 * trickles its body byte by byte cannot hold a call past it.
 */
public final class ProviderHttp implements AutoCloseable {

    /** The longest a provider's own message is quoted to the API's caller. */
    private static final int MAX_QUOTED_MESSAGE = 200;

    /**
     * Connections one provider's pool may hold. {@code switchboard.providers.max-concurrent-calls} bounds the calls
     * under way before they get here; a call beyond this waits for a connection within its deadline.
     */
    private static final int MAX_CONNECTIONS = 2048;

    /** Aborts the exchanges whose deadline passed: one daemon thread for every provider, its tasks are tiny. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final TelephonyProviderName provider;
    private final String label;
    private final URI base;
    private final String baseUrl;
    private final String userAgent;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Duration defaultRetryAfter;
    private final CloseableHttpClient http;

    /**
     * @param baseUrl the provider's API root; paths are appended to it
     * @param connectTimeout the longest a new connection may take to open
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
        this.userAgent = "switchboard-" + provider.wireName() + "-adapter";
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.defaultRetryAfter = defaultRetryAfter;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        // LAX: no global lock around the pool, which 500 calls at once would queue on
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        // HttpCore skips lines before the status line that are not one, waiting for one that is: an
                        // answer that is not HTTP would hold the call to its deadline. One stray line is tolerated.
                        // Its defaults put no limit on a header line or their number: an endless one would fill the
                        // heap until the deadline, so a head over 16 KB a line or 200 fields is not read.
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setMaxEmptyLineCount(2)
                                        .setMaxLineLength(16 * 1024).setMaxHeaderCount(200).build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                // a pooled connection idle this long is checked before use: the provider (or a
                                // load balancer on its side) may have closed it meanwhile
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                // A redirect would carry the Authorization header to wherever the provider (or a proxy) points.
                .disableRedirectHandling()
                // Never retried here: a POST that buys a number must reach the provider at most once; reads are
                // retried by ResilientTelephonyProvider, within the deadline.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("provider-deadlines").factory());
        executor.setRemoveOnCancelPolicy(true); // most exchanges end in time, and their abort is cancelled
        return Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** The provider's API root as configured. */
    public URI base() {
        return base;
    }

    /** A provider's answer, read whole: its status, headers and body. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {}

    /**
     * Sends one request within what is left of the deadline and reads the whole answer, whatever its status.
     * Never retried here: a POST that buys a number must reach the provider at most once.
     *
     * @param pathAndQuery appended to the API root, already encoded
     * @param authorization the {@code Authorization} header value
     * @param contentType the body's media type; null without a body
     * @param body the request body; null for none
     * @throws ProviderFault.TimedOut when the deadline passes before the whole answer arrived
     * @throws ProviderFault.Unavailable when there is no connection, it fails, the answer is too large or not HTTP,
     *     or the calling thread is interrupted
     */
    public Answer send(String method, String pathAndQuery, String authorization, @Nullable String contentType,
            byte @Nullable [] body, Deadline deadline) {
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            throw new ProviderFault.TimedOut(provider, deadline.budget());
        }
        HttpUriRequestBase request;
        try {
            request = new HttpUriRequestBase(method, URI.create(baseUrl + pathAndQuery));
            request.setHeader("Authorization", authorization);
            request.setHeader("Accept", "application/json");
            request.setHeader("User-Agent", userAgent);
            if (body != null) {
                request.setEntity(new ByteArrayEntity(body, contentType == null ? null : ContentType.parse(contentType)));
            }
        } catch (IllegalArgumentException e) {
            // Never the exception's message: a header value the client refuses would be named in it.
            throw new ProviderFault.Unavailable(provider, null, label + "'s address or the request is not valid", null);
        }
        Timeout left = Timeout.of(remaining, TimeUnit.NANOSECONDS);
        request.setConfig(RequestConfig.custom().setConnectionRequestTimeout(left).setResponseTimeout(left).build());
        // The timeouts above bound each wait; the abort bounds the whole exchange, a body trickling in included.
        ScheduledFuture<?> abort = DEADLINES.schedule(request::cancel, remaining, TimeUnit.NANOSECONDS);
        try {
            return http.execute(request, response -> read(request, response));
        } catch (TooLarge e) {
            throw new ProviderFault.Unavailable(provider, null,
                    label + "'s answer was larger than " + maxBodyBytes + " bytes; not read", null);
        } catch (ClientProtocolException | MessageConstraintException e) {
            // not HTTP: no status line where one belongs, or one, or a header, that does not parse
            throw unreadable(provider, e);
        } catch (IOException | IllegalStateException e) {
            if (request.isCancelled() || deadline.remainingNanos() <= 0 || e instanceof InterruptedIOException
                    && !Thread.currentThread().isInterrupted()) {
                throw new ProviderFault.TimedOut(provider, deadline.budget());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new ProviderFault.Unavailable(provider, null, "The call to " + label + " was interrupted", e);
            }
            if (e instanceof ConnectException) {
                throw new ProviderFault.Unavailable(provider, null, "Could not connect to " + label, e);
            }
            throw new ProviderFault.Unavailable(provider, null,
                    "The connection to " + label + " failed before its answer was complete", e);
        } finally {
            abort.cancel(false);
        }
    }

    /** Reads the answer whole, or fails past the cap. */
    private Answer read(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException {
        return new Answer(response.getCode(), headers(response.getHeaders()), body(request, response.getEntity()));
    }

    /**
     * The body, up to the cap. Past it the exchange is aborted first, which closes the connection: closing the body's
     * stream would otherwise read the rest of it, to keep the connection for reuse, and an endless one never ends.
     */
    private byte[] body(HttpUriRequestBase request, @Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long declared = entity.getContentLength();
        if (declared > maxBodyBytes) {
            request.cancel();
            throw new TooLarge(maxBodyBytes);
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                request.cancel();
                throw new TooLarge(maxBodyBytes);
            }
            return body;
        }
    }

    private static HttpHeaders headers(Header[] headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : headers) {
            byName.computeIfAbsent(header.getName(), name -> new ArrayList<>(1)).add(header.getValue());
        }
        return HttpHeaders.of(byName, (name, value) -> true);
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

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
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

    private static final class TooLarge extends IOException {
        TooLarge(int maxBytes) {
            super("answer larger than " + maxBytes + " bytes");
        }
    }
}
