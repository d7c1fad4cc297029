package dev.switchboard.telephony;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.TempDirs;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Twilio's address refuses connections (a port of 127.0.0.1 where nothing listens): the search is retried, then
 * answers 502 naming Twilio, well within the deadline. Its own application (not {@code ApiTest}'s, whose Twilio
 * is the emulator), on the embedded default in a folder of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.admin-token=" + ApiClient.ADMIN_TOKEN, "switchboard.providers.timeout=2s"})
class UnreachableProviderThroughApiTest {

    private static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void twilioNowhere(DynamicPropertyRegistry registry) {
        registry.add("switchboard.providers.twilio.base-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
        var dataDir = TempDirs.dataDirDeletedOnExit("switchboard-unreachable");
        registry.add("switchboard.data-dir", dataDir::toString);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private ProvidersProperties properties;

    @Autowired
    private MeterRegistry meters;

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aRefusedConnectionIsRetriedThen502LoggedInOneLine(org.springframework.boot.test.system.CapturedOutput output) {
        assertThat(properties.twilio().baseUrl().getPort()).isEqualTo(CLOSED_PORT);
        ApiClient api = new ApiClient(port);
        String key = api.newUser("user-" + UUID.randomUUID() + "@example.com");
        String connection = api.newConnection(key, Map.of("type", "account_connection_twilio", "credentials",
                Map.of("twilio_account_sid", TwilioEmulator.sidFor("AC", "refused"),
                        "twilio_auth_token", "0123456789abcdef0123456789abcdef")));
        double retriesBefore = retries();
        int logBefore = output.getOut().length();

        long start = System.nanoTime();
        Response r = api.get("/v1/numbers/available", params("telephony_provider", "twilio",
                "telephony_account_connection", connection), key);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
        assertThat(r.json().get("provider").asString()).isEqualTo("twilio");
        assertThat(r.json().get("detail").asString()).contains("Could not connect to Twilio");
        assertThat(retries() - retriesBefore).as("two retries after the first refusal").isEqualTo(2);
        assertThat(elapsedMs).isLessThan(properties.timeout().toMillis());
        // an expected provider fault: one warning, no stack trace (Caffeine's own report of the failed load is off)
        String logged = output.getOut().substring(logBefore);
        assertThat(logged.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as(logged).singleElement().asString().contains("provider twilio failed");
        assertThat(logged).doesNotContain("\tat ").doesNotContain("Exception thrown during asynchronous load");
    }

    private double retries() {
        return meters.find("switchboard.provider.retries").tags("provider", "twilio", "kind", "unavailable")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** A port that was free a moment ago and that nothing listens on now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
