package dev.switchboard.support;

import dev.switchboard.telephony.telnyx.TelnyxEmulator;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import dev.switchboard.telephony.vonage.VonageEmulator;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service on a random port, called over real HTTP. Subclasses pick the database; every test
 * makes its own users, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.admin-token=" + ApiClient.ADMIN_TOKEN, "switchboard.providers.timeout=2s"})
public abstract class ApiTest {

    // One Twilio emulator for the whole test JVM, so every API test shares one application context.
    private static final TwilioEmulator TWILIO = TwilioEmulator.start();

    @DynamicPropertySource
    static void twilioEmulator(DynamicPropertyRegistry registry) {
        registry.add("switchboard.providers.twilio.base-url", () -> TWILIO.baseUrl().toString());
    }

    // The same for Telnyx.
    private static final TelnyxEmulator TELNYX = TelnyxEmulator.start();

    @DynamicPropertySource
    static void telnyxEmulator(DynamicPropertyRegistry registry) {
        registry.add("switchboard.providers.telnyx.base-url", () -> TELNYX.baseUrl().toString());
    }

    /** The Telnyx emulator the service's Telnyx adapter talks to. */
    public static TelnyxEmulator telnyx() {
        return TELNYX;
    }

    /** The Twilio emulator the service's Twilio adapter talks to. */
    public static TwilioEmulator twilio() {
        return TWILIO;
    }

    // Likewise one Vonage emulator for the whole test JVM.
    private static final VonageEmulator VONAGE = VonageEmulator.start();

    @DynamicPropertySource
    static void vonageEmulator(DynamicPropertyRegistry registry) {
        registry.add("switchboard.providers.vonage.base-url", () -> VONAGE.baseUrl().toString());
    }

    /** The Vonage emulator the service's Vonage adapter talks to. */
    public static VonageEmulator vonage() {
        return VONAGE;
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private org.springframework.context.ApplicationContext context;

    private ApiClient api;

    @BeforeEach
    void connectClient() {
        api = new ApiClient(port);
    }

    public ApiClient api() {
        return api;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** The running service's beans, for tests that drive a background job (e.g. a reconciliation) at once. */
    public org.springframework.context.ApplicationContext context() {
        return context;
    }

    /** A new user with a unique email; returns its API key. */
    public String newUser() {
        return api.newUser("user-" + UUID.randomUUID() + "@example.com");
    }
}
