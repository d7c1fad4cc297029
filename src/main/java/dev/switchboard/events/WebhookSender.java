package dev.switchboard.events;

import dev.switchboard.agents.WebhookSubscriptions;
import dev.switchboard.agents.WebhookTargets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One delivery attempt: a POST of the event's body, signed, redirects never followed (a 3xx is a failed attempt). The
 * signing secret and the signature are never logged.
 *
 * <p>The connections resolve the webhook's host through the SSRF guard ({@link WebhookTargets#addressesToCall}), so
 * the addresses checked are those connected to. The whole exchange has a deadline, connect timeout plus read timeout,
 * kept by aborting it: a receiver that answers its status and then trickles a body, or never ends it, cannot hold the
 * worker. Only the status counts; at most {@link #MAX_BODY_READ} bytes of a body are read, so that a short answer
 * leaves its connection for the next delivery, and past that the connection is closed unread.
 */
@Component
class WebhookSender implements DisposableBean {

    /** How an attempt went: {@code delivered} on a 2xx; {@code final} when retrying cannot help. */
    record Outcome(boolean delivered, boolean isFinal, @Nullable Integer statusCode, @Nullable String error) {}

    /** The most of an answer's body read to keep its connection; a receiver's acknowledgement is far shorter. */
    static final int MAX_BODY_READ = 64 * 1024;

    /**
     * The most an answer's head may hold: a line of 16 KB, 200 header fields. HttpCore's defaults have no limit, and a
     * receiver could stream one endless header line into the heap until the deadline.
     */
    static final int MAX_HEADER_LINE = 16 * 1024;
    static final int MAX_HEADERS = 200;

    /** Aborts the exchanges whose deadline passed: one daemon thread, its tasks are tiny. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final WebhookSubscriptions subscriptions;
    private final WebhooksProperties properties;
    private final Clock clock;
    private final Duration deadline;
    private final CloseableHttpClient http;

    WebhookSender(WebhookSubscriptions subscriptions, WebhookTargets targets, WebhooksProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.clock = clock;
        WebhooksProperties.Delivery delivery = properties.delivery();
        this.deadline = delivery.connectTimeout().plus(delivery.readTimeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedResolver(targets))
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setMaxLineLength(MAX_HEADER_LINE)
                                        .setMaxHeaderCount(MAX_HEADERS).setMaxEmptyLineCount(2).build())
                                .build())
                        // a run sends at most a batch at once, possibly all to one receiver
                        .setMaxConnTotal(delivery.batch())
                        .setMaxConnPerRoute(delivery.batch())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(delivery.connectTimeout()))
                                .setSocketTimeout(Timeout.of(delivery.readTimeout()))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(deadline))
                        .setResponseTimeout(Timeout.of(delivery.readTimeout()))
                        .build())
                .disableRedirectHandling()
                // a failed attempt is retried on the delivery's own schedule, never here
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Switchboard-Webhooks/1")
                .build();
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("webhook-deadlines").factory());
        executor.setRemoveOnCancelPolicy(true); // most exchanges end in time, and their abort is cancelled
        return Executors.unconfigurableScheduledExecutorService(executor);
    }

    Outcome send(Delivery delivery) {
        Optional<WebhookSubscriptions.Target> found = subscriptions.target(delivery.userId(), delivery.webhookId());
        if (found.isEmpty()) {
            return new Outcome(false, true, null, "the webhook no longer exists");
        }
        return post(found.get(), delivery);
    }

    /** The attempt itself, to {@code target}. */
    Outcome post(WebhookSubscriptions.Target target, Delivery delivery) {
        long now = clock.instant().getEpochSecond();
        HttpPost request;
        try {
            request = new HttpPost(URI.create(target.url()));
        } catch (IllegalArgumentException e) {
            return new Outcome(false, true, null, "url is not a valid URL");
        }
        request.setHeader(Signatures.EVENT_ID_HEADER, delivery.eventId().toString());
        request.setHeader(Signatures.HEADER, Signatures.header(target.signingSecret(), now, delivery.body()));
        request.setEntity(new ByteArrayEntity(delivery.body().getBytes(StandardCharsets.UTF_8),
                ContentType.create("application/json")));
        ScheduledFuture<?> abort = DEADLINES.schedule(request::cancel, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            int status = exchange(request);
            if (status >= 200 && status < 300) {
                return new Outcome(true, false, status, null);
            }
            return new Outcome(false, false, status, "answered HTTP " + status
                    + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
        } catch (WebhookTargets.Refused e) {
            return new Outcome(false, true, null, "url " + e.getMessage());
        } catch (UnknownHostException e) {
            return new Outcome(false, false, null, "url " + e.getMessage());
        } catch (MessageConstraintException e) {
            return new Outcome(false, false, null, "the answer's head is over the limits (a line of "
                    + MAX_HEADER_LINE / 1024 + " KB, " + MAX_HEADERS + " header fields): " + e.getMessage());
        } catch (ConnectTimeoutException e) {
            return new Outcome(false, false, null, "could not connect within the connect timeout of "
                    + properties.delivery().connectTimeout().toMillis() + " ms");
        } catch (IOException | IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Outcome(false, false, null, "interrupted while sending (the service was stopping)");
            }
            if (request.isCancelled()) {
                return new Outcome(false, false, null, "no answer within " + deadline.toMillis()
                        + " ms (connect timeout plus read timeout)");
            }
            if (e instanceof SocketTimeoutException) {
                return new Outcome(false, false, null, "no answer within the read timeout of "
                        + properties.delivery().readTimeout().toMillis() + " ms");
            }
            return new Outcome(false, false, null, "request failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            abort.cancel(false);
        }
    }

    /**
     * The answer's status. Only the status counts: a short body is then read to its end, so the connection can carry
     * the next delivery; a longer one, or one still coming at the deadline, has its exchange aborted, which closes
     * the connection (closing the body's stream would read the rest first). Nothing after the status changes it.
     */
    private int exchange(HttpPost request) throws IOException {
        ClassicHttpResponse response = http.executeOpen(null, request, null);
        int status = response.getCode();
        try (response) {
            HttpEntity entity = response.getEntity();
            if (entity != null && (entity.getContentLength() > MAX_BODY_READ
                    || entity.getContent().readNBytes(MAX_BODY_READ).length == MAX_BODY_READ)) {
                request.cancel();
            }
        } catch (IOException e) {
            request.cancel();
        }
        return status;
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }

    /** The connections' resolver: the guard's addresses, or the guard's refusal as the resolver's failure. */
    private record GuardedResolver(WebhookTargets targets) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return targets.addressesToCall(host).toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
