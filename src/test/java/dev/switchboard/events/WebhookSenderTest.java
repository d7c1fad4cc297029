package dev.switchboard.events;

import static dev.switchboard.support.RawHttpServer.ascii;
import static dev.switchboard.support.RawHttpServer.pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.agents.WebhookSubscriptions;
import dev.switchboard.agents.WebhookTargets;
import dev.switchboard.support.RawHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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

    private final RawHttpServer r = new RawHttpServer();

    @AfterEach
    void stop() throws IOException {
        r.close();
    }

    @Test
    void aReceiverThatTricklesItsBodyAfterA200CannotHoldTheAttempt() {
        r.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            while (true) {
                out.write(ascii("1\r\nx\r\n"));
                out.flush();
                pause(100);
            }
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(), delivery()));
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
    }

    @Test
    void aReceiverThatPromisesABodyAndSendsNoneCannotHoldTheAttempt() {
        r.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\n"));
            out.flush();
            pause(60_000);
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(), delivery()));
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(202);
    }

    @Test
    void aReceiverThatNeverAnswersFailsTheAttemptByItsReadTimeout() {
        r.answer((out, requests) -> pause(60_000));
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(), delivery()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.isFinal()).as("retried on the schedule").isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).startsWith("no answer within");
    }

    @Test
    void aHugeErrorBodyIsNotReadAndTheStatusIsKept() {
        r.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000000\r\n\r\n"));
            byte[] block = new byte[8192];
            for (int i = 0; i < 100_000_000 / block.length; i++) {
                out.write(block);
            }
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(), delivery()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.error()).isEqualTo("answered HTTP 500");
    }

    @Test
    void anEndlessHeaderLineIsCutAtTheLimitNotReadIntoMemory() {
        r.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nX-Filler: "));
            byte[] block = ascii("a".repeat(8192));
            for (int i = 0; i < 128; i++) { // 1 MB, then the head ends: unlimited, it would read as delivered
                out.write(block);
            }
            out.write(ascii("\r\nContent-Length: 0\r\n\r\n"));
        });
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(HELD, () -> sender(true).post(target(), delivery()));
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.isFinal()).isFalse();
        assertThat(outcome.error()).startsWith("the answer's head is over the limits (a line of 16 KB, 200 header fields)");
    }

    @Test
    void aShortAnswerLeavesItsConnectionForTheNextDelivery() {
        r.answer((out, requests) -> {
            for (int i = 0; i < 2; i++) {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                out.flush();
                if (i == 0) {
                    requests.next();
                }
            }
            pause(60_000);
        });
        WebhookSender sender = sender(true);
        assertThat(sender.post(target(), delivery()).delivered()).isTrue();
        assertThat(sender.post(target(), delivery()).delivered()).isTrue();
        assertThat(r.connections()).as("one connection carried both").isEqualTo(1);
    }

    @Test
    void theConnectionsResolveThroughTheGuardSoAPrivateAddressIsNeverConnectedTo() {
        r.answer((out, requests) -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")));
        for (String host : List.of("localhost", "127.0.0.1", "2130706433", "[::ffff:127.0.0.1]")) {
            var target = new WebhookSubscriptions.Target(UUID.randomUUID(), "http://" + host + ":" + r.port() + "/hook",
                    "whsec_test");
            WebhookSender.Outcome outcome = sender(false).post(target, delivery());
            assertThat(outcome.delivered()).as(host).isFalse();
            assertThat(outcome.isFinal()).as(host).isTrue();
            assertThat(outcome.error()).as(host).startsWith("url points at ").contains("loopback");
        }
        assertThat(r.connections()).isZero();
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

    private WebhookSubscriptions.Target target() {
        return new WebhookSubscriptions.Target(UUID.randomUUID(), "http://127.0.0.1:" + r.port() + "/hook", "whsec_test");
    }

    private static Delivery delivery() {
        Instant now = Instant.now();
        return new Delivery(UUID.randomUUID(), UUID.randomUUID(), "number.updated", UUID.randomUUID(), UUID.randomUUID(),
                "{\"type\":\"number.updated\"}", Delivery.PENDING, 0, now, null, null, null, null, now, now);
    }
}
