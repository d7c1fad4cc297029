package dev.switchboard.telephony;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The machinery every provider emulator shares: a real HTTP server on a free port of 127.0.0.1 (virtual threads),
 * the requests received (of the provider's own {@code R} shape), the wire conformance violations found, and the
 * {@link EmulatedFault}s injected in place of the provider's answer. A subclass parses a request its provider's way
 * ({@link #serve}), records it and checks it against the provider's OpenAPI document inside {@link #checking}, then
 * hands its real answer to {@link #answer}, which applies any fault and checks the response.
 */
public abstract class ProviderEmulator<R> implements AutoCloseable {

    private final String provider;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final CountDownLatch closing = new CountDownLatch(1);

    private final AtomicReference<@Nullable EmulatedFault> standingFault = new AtomicReference<>();
    private final ConcurrentLinkedQueue<EmulatedFault> nextFaults = new ConcurrentLinkedQueue<>();

    /** The requests received, oldest first; a subclass adds to it inside {@link #checking}. */
    protected final List<R> received = new CopyOnWriteArrayList<>();
    /** What did not conform, one line each; a subclass's checks add to it. */
    protected final List<String> violations = new CopyOnWriteArrayList<>();
    /** When each request arrived ({@link System#nanoTime()}), oldest first, faulted ones included. */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();

    /** Starts serving; {@code provider} names it in assertion messages ("Twilio emulator saw ..."). */
    protected ProviderEmulator(String provider) throws IOException {
        this.provider = provider;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What the provider's {@code base-url} property should be, e.g. {@code http://127.0.0.1:49152}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Every following request gets this fault instead of the provider's answer, until {@link #clearFaults()}. */
    public void inject(EmulatedFault fault) {
        standingFault.set(fault);
    }

    /** Only the next request gets this fault (queued faults are used up first, in order). */
    public void injectNext(EmulatedFault fault) {
        nextFaults.add(fault);
    }

    public void clearFaults() {
        standingFault.set(null);
        nextFaults.clear();
    }

    /** How many requests arrived, faulted ones included. */
    public int requestCount() {
        return received.size();
    }

    /**
     * When each request arrived, as {@link System#nanoTime()} of this JVM, oldest first: how many reached the
     * provider within a second, say.
     */
    public List<Long> arrivalNanos() {
        return List.copyOf(arrivals);
    }

    /** The requests received, oldest first, with their decoded parameters. */
    public List<R> requests() {
        return List.copyOf(received);
    }

    /**
     * What did not conform to the provider's OpenAPI document (or its error shapes), one line each. Waits for checks
     * still running, so a call right after the adapter returns sees everything.
     */
    public List<String> conformanceViolations() {
        awaitIdle(Duration.ofSeconds(10));
        return List.copyOf(violations);
    }

    /** Fails with every violation listed when {@link #conformanceViolations()} is not empty. */
    public void assertConformant() {
        List<String> found = conformanceViolations();
        if (!found.isEmpty()) {
            throw new AssertionError(provider + " emulator saw " + found.size()
                    + " wire conformance violation(s):\n  " + String.join("\n  ", found));
        }
    }

    /** Waits for running checks, then forgets faults, requests and violations (a subclass forgets its own data). */
    protected void forgetTraffic() {
        awaitIdle(Duration.ofSeconds(10));
        clearFaults();
        received.clear();
        arrivals.clear();
        violations.clear();
    }

    @Override
    public void close() {
        closing.countDown(); // releases stalled answers
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------------------
    // What a subclass provides

    /** An answer as the emulator sends it: a provider's own answer record implements this. */
    protected interface Reply {
        int status();

        Map<String, String> headers();

        byte[] body();
    }

    /** Checks a response sent (status, content type, body) against the provider's document, adding to violations. */
    protected interface ResponseCheck {
        void check(int status, @Nullable String contentType, String body);
    }

    /** Parses the request the provider's way, records and checks it within {@link #checking}, then {@link #answer}s. */
    protected abstract void serve(HttpExchange exchange) throws IOException;

    /** The provider's per-response trace header(s), e.g. Twilio's {@code Twilio-Request-Id}. */
    protected abstract void addTraceHeaders(Headers headers);

    /**
     * Sends the provider's real answer, or what the next fault makes of it; a real answer sent whole is checked.
     * Checks are counted while they run, so {@link #conformanceViolations()} can wait for them; a stalled answer is
     * not, so a test's check after a timeout does not wait out the stall.
     */
    protected final void answer(HttpExchange exchange, Supplier<? extends Reply> real, ResponseCheck check)
            throws IOException {
        EmulatedFault queued = nextFaults.poll();
        EmulatedFault fault = queued != null ? queued : standingFault.get();
        switch (fault) {
            case EmulatedFault.Respond respond -> {
                Map<String, String> headers = new LinkedHashMap<>(respond.headers());
                headers.putIfAbsent("Content-Type", respond.contentType());
                send(exchange, respond.status(), headers, respond.body().getBytes(StandardCharsets.UTF_8));
            }
            case EmulatedFault.DropConnection ignored -> throw new DroppedOnPurpose();
            case EmulatedFault.CloseMidBody ignored -> {
                sendHalf(exchange, real.get());
                throw new DroppedOnPurpose();
            }
            case EmulatedFault.StallMidBody stall -> {
                Reply answer = real.get();
                sendHalf(exchange, answer);
                awaitClosingOr(stall.stall());
                int half = answer.body().length / 2;
                exchange.getResponseBody().write(answer.body(), half, answer.body().length - half);
                exchange.close();
            }
            case EmulatedFault.HoldUntil hold -> {
                awaitClosingOr(hold.gate());
                sendChecked(exchange, real.get(), check);
            }
            case EmulatedFault.StallBeforeAnswer stall -> {
                awaitClosingOr(stall.stall());
                Reply answer = real.get();
                send(exchange, answer.status(), answer.headers(), answer.body());
            }
            case null -> sendChecked(exchange, real.get(), check);
        }
    }

    /** Runs a check counted as in flight, so {@link #conformanceViolations()} waits for it. */
    protected final void checking(Runnable check) {
        inFlight.incrementAndGet();
        try {
            check.run();
        } finally {
            settled();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Shared parsing

    /** {@code application/x-www-form-urlencoded} (a query string or a form body), decoded; repeated names kept. */
    protected static Map<String, List<String>> decodeForm(@Nullable String raw) {
        Map<String, List<String>> decoded = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return decoded;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            decoded.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return decoded;
    }

    /** The first value of a parameter. */
    protected static Optional<String> first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** User and password of an HTTP basic {@code Authorization} header, or null when it is not one. */
    protected static String @Nullable [] basicAuthPair(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Plumbing

    private void handle(HttpExchange exchange) throws IOException {
        arrivals.add(System.nanoTime());
        try {
            serve(exchange);
        } catch (DroppedOnPurpose dropped) {
            throw dropped;
        } catch (RuntimeException bug) {
            // The adapter would only see a dropped connection; say what actually broke.
            violations.add("the emulator failed on " + exchange.getRequestURI() + ": " + bug);
            throw bug;
        }
    }

    private void sendChecked(HttpExchange exchange, Reply answer, ResponseCheck check) throws IOException {
        inFlight.incrementAndGet();
        try {
            send(exchange, answer.status(), answer.headers(), answer.body());
            check.check(answer.status(), answer.headers().get("Content-Type"),
                    new String(answer.body(), StandardCharsets.UTF_8));
        } finally {
            settled();
        }
    }

    private void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] bytes)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        addTraceHeaders(exchange.getResponseHeaders());
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    private static void sendHalf(HttpExchange exchange, Reply answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        OutputStream body = exchange.getResponseBody();
        body.write(answer.body(), 0, answer.body().length / 2);
        body.flush();
    }

    private void settled() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Thrown out of the handler so that HttpServer closes the connection as it stands. */
    private static final class DroppedOnPurpose extends RuntimeException {
        DroppedOnPurpose() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    private void awaitClosingOr(CountDownLatch gate) {
        try {
            while (!gate.await(50, TimeUnit.MILLISECONDS) && closing.getCount() > 0) {
                // waits for the gate, or for the emulator to close
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitClosingOr(Duration stall) {
        try {
            closing.await(stall.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitIdle(Duration atMost) {
        long end = System.nanoTime() + atMost.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0 && System.nanoTime() < end) {
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
