package dev.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.agents.WebhookSubscriptions;
import dev.switchboard.agents.WebhookTargets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One attempt against receivers that misbehave as an endpoint on the internet can: the exchange ends by its deadline
 * (1 s to connect plus 2 s to answer here) whatever the receiver does after its status, the status alone decides, and
 * the connections' own resolver is the SSRF guard.
 */
class WebhookSenderTest {

    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration READ = Duration.ofSeconds(2);
    /** Far past the deadline: an attempt still under way then is held by its receiver. */
    private static final Duration HELD = Duration.ofSeconds(10);

    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Receiver r : receivers) {
            r.close();
        }
    }

    @Test
    void aReceiverThatTricklesItsBodyAfterA200CannotHoldTheAttempt() {
        Receiver r = receiver((out, n) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            while (true) {
                out.write(ascii("1\r\nx\r\n"));
                out.flush();
                pause(100);
            }
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(r), delivery()));
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
    }

    @Test
    void aReceiverThatPromisesABodyAndSendsNoneCannotHoldTheAttempt() {
        Receiver r = receiver((out, n) -> {
            out.write(ascii("HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\n"));
            out.flush();
            pause(60_000);
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(r), delivery()));
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(202);
    }

    @Test
    void aReceiverThatNeverAnswersFailsTheAttemptByItsReadTimeout() {
        Receiver r = receiver((out, n) -> pause(60_000));
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(r), delivery()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.isFinal()).as("retried on the schedule").isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).startsWith("no answer within");
    }

    @Test
    void aHugeErrorBodyIsNotReadAndTheStatusIsKept() {
        Receiver r = receiver((out, n) -> {
            out.write(ascii("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000000\r\n\r\n"));
            byte[] block = new byte[8192];
            for (int i = 0; i < 100_000_000 / block.length; i++) {
                out.write(block);
            }
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(r), delivery()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.error()).isEqualTo("answered HTTP 500");
    }

    @Test
    void aShortAnswerLeavesItsConnectionForTheNextDelivery() {
        Receiver r = receiver((out, n) -> {
            for (int i = 0; i < 2; i++) {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                out.flush();
                if (i == 0) {
                    n.awaitNextRequest();
                }
            }
            pause(60_000);
        });
        WebhookSender sender = sender(true);
        assertThat(sender.post(target(r), delivery()).delivered()).isTrue();
        assertThat(sender.post(target(r), delivery()).delivered()).isTrue();
        assertThat(r.connections.get()).as("one connection carried both").isEqualTo(1);
    }

    @Test
    void theConnectionsResolveThroughTheGuardSoAPrivateAddressIsNeverConnectedTo() {
        Receiver r = receiver((out, n) -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));
        for (String host : List.of("localhost", "127.0.0.1", "2130706433", "[::ffff:127.0.0.1]")) {
            var target = new WebhookSubscriptions.Target(UUID.randomUUID(), "http://" + host + ":" + r.port() + "/hook",
                    "whsec_test");
            WebhookSender.Outcome outcome = sender(false).post(target, delivery());
            assertThat(outcome.delivered()).as(host).isFalse();
            assertThat(outcome.isFinal()).as(host).isTrue();
            assertThat(outcome.error()).as(host).startsWith("url points at ").contains("loopback");
        }
        assertThat(r.connections.get()).isZero();
    }

    @Test
    void aHostThatDoesNotResolveIsARetriedFailureNamingIt() {
        var target = new WebhookSubscriptions.Target(UUID.randomUUID(), "http://no-such-host.invalid/hook", "whsec_test");
        WebhookSender.Outcome outcome = sender(false).post(target, delivery());
        assertThat(outcome.isFinal()).isFalse();
        assertThat(outcome.error()).isEqualTo("url host no-such-host.invalid does not resolve");
    }

    // --- fixtures

    private static WebhookSender sender(boolean allowPrivateTargets) {
        var properties = new WebhooksProperties(allowPrivateTargets,
                new WebhooksProperties.Delivery(Duration.ofSeconds(1), 10, Duration.ofSeconds(30), CONNECT, READ),
                new WebhooksProperties.Retry(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 0.2, Duration.ofHours(1)));
        // post() is given its target: the subscriptions that send() looks it up in are not needed
        return new WebhookSender(null, new WebhookTargets(allowPrivateTargets), properties, Clock.systemUTC());
    }

    private static WebhookSubscriptions.Target target(Receiver r) {
        return new WebhookSubscriptions.Target(UUID.randomUUID(), "http://127.0.0.1:" + r.port() + "/hook", "whsec_test");
    }

    private static Delivery delivery() {
        Instant now = Instant.now();
        return new Delivery(UUID.randomUUID(), UUID.randomUUID(), "number.updated", UUID.randomUUID(), UUID.randomUUID(),
                "{\"type\":\"number.updated\"}", Delivery.PENDING, 0, now, null, null, null, null, now, now);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a receiver does on a connection once a request's head has arrived. */
    private interface Behaviour {
        void answer(OutputStream out, Requests next) throws IOException;
    }

    /** Reads the next request's head on the connection. */
    private interface Requests {
        void awaitNextRequest() throws IOException;
    }

    private Receiver receiver(Behaviour behaviour) {
        try {
            Receiver r = new Receiver(behaviour);
            receivers.add(r);
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A loopback HTTP/1.1 receiver written on a socket, so that it can misbehave after its status line. */
    private static final class Receiver implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();

        Receiver(Behaviour behaviour) throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> {
                            try (socket) {
                                InputStream in = socket.getInputStream();
                                readRequest(in);
                                behaviour.answer(socket.getOutputStream(), () -> readRequest(in));
                            } catch (IOException e) {
                                // the sender closed the connection: what the tests provoke
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        /** The head, then the body by its Content-Length (the sender always sends one). */
        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
