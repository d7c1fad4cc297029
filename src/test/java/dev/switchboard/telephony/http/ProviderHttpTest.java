package dev.switchboard.telephony.http;

import static dev.switchboard.support.RawHttpServer.ascii;
import static dev.switchboard.support.RawHttpServer.pause;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.support.RawHttpServer;
import dev.switchboard.telephony.Deadline;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exchange itself, against a raw socket that answers what a test scripts: the cases the provider emulators do
 * not make, where the client's own limits (body cap, deadline, what counts as HTTP) decide the outcome.
 */
class ProviderHttpTest {

    private static final int MAX_BODY = 64 * 1024;

    private final RawHttpServer server = new RawHttpServer();
    private final ProviderHttp http = new ProviderHttp(TelephonyProviderName.TWILIO, server.base(),
            Duration.ofSeconds(2), Clock.systemUTC(), MAX_BODY, Duration.ofSeconds(1));

    @AfterEach
    void close() throws IOException {
        http.close();
        server.close();
    }

    @Test
    void anEndlessChunkedBodyIsCutAtTheCapNotReadToItsEnd() {
        server.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = ascii("2000\r\n" + "x".repeat(0x2000) + "\r\n");
            while (true) {
                out.write(chunk); // until the client hangs up
            }
        });

        long started = System.nanoTime();
        Throwable failed = catchThrowable(() -> http.send("GET", "/x", "Basic a", null, null, deadline(10)));

        assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("larger than");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBodyTricklingInPastTheDeadlineTimesOutAtTheDeadline() {
        server.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"));
            for (int i = 0; i < 1000; i++) {
                out.write('x');
                out.flush();
                pause(50);
            }
        });

        long started = System.nanoTime();
        Throwable failed = catchThrowable(() -> http.send("GET", "/x", "Basic a", null, null, deadline(1)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failed).isInstanceOf(ProviderFault.TimedOut.class);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
    }

    @Test
    void anAnswerThatIsNotHttpFailsAtOnceAsUnreadable() {
        server.answer((out, requests) -> {
            out.write(ascii("\u0007garbage, not a status line\r\nmore garbage\r\n\r\n"));
            out.flush();
            pause(30_000); // and keeps the connection open
        });

        long started = System.nanoTime();
        Throwable failed = catchThrowable(() -> http.send("GET", "/x", "Basic a", null, null, deadline(10)));

        assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("could not be read");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHeadOverTheLimitsIsNotReadIntoMemory() {
        server.answer((out, requests) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Filler: "));
            byte[] block = ascii("a".repeat(8192));
            for (int i = 0; i < 128; i++) { // 1 MB, then the head ends: unlimited, it would read as an answer
                out.write(block);
            }
            out.write(ascii("\r\nContent-Length: 2\r\n\r\n{}"));
        });

        Throwable failed = catchThrowable(() -> http.send("GET", "/x", "Basic a", null, null, deadline(10)));

        assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("could not be read");
    }

    @Test
    void oneStrayLineBeforeTheStatusLineIsTolerated() {
        server.answer((out, requests) -> out.write(ascii(
                "\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")));

        ProviderHttp.Answer answer = http.send("GET", "/x", "Basic a", null, null, deadline(10));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void sendsTheBodyAndHeadersAndReadsTheAnswersHeaders() {
        server.answer((out, requests) -> out.write(ascii("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\n"
                + "Content-Length: 0\r\n\r\n")));

        ProviderHttp.Answer answer = http.send("POST", "/buy", "Basic a", "application/x-www-form-urlencoded",
                ascii("PhoneNumber=%2B14155550100"), deadline(10));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(http.retryAfter(answer.headers())).isEqualTo(Duration.ofSeconds(7));
        assertThat(server.lastRequest()).startsWith("POST /buy HTTP/1.1")
                .contains("Authorization: Basic a", "Content-Type: application/x-www-form-urlencoded",
                        "User-Agent: switchboard-twilio-adapter")
                .endsWith("PhoneNumber=%2B14155550100");
    }

    private static Deadline deadline(int seconds) {
        return Deadline.after(Duration.ofSeconds(seconds));
    }
}
