package dev.switchboard.numbers;

import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** {@link NumberRoutingContract} on the embedded database, in a context of its own closed after it. */
@TestPropertySource(properties = {
    "switchboard.routing.voice-url=" + NumberRoutingContract.VOICE_URL,
    "switchboard.routing.drift-check-period=1s",
    "switchboard.routing.retry.interval=200ms",
    "switchboard.routing.retry.first-delay=200ms",
    "switchboard.routing.retry.max-attempts=5",
    "switchboard.providers.retry.max-attempts=1",
    "switchboard.providers.circuit-breaker.window-size=1000",
    "switchboard.providers.circuit-breaker.minimum-calls=1000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NumberRoutingOnEmbeddedDatabaseTest extends OnEmbeddedDatabase implements NumberRoutingContract {

    private final Fixture fixture = new Fixture();

    @Override
    public TwilioEmulator twilioEmulator() {
        return OnEmbeddedDatabase.twilio();
    }

    @Override
    public Fixture fixture() {
        return fixture;
    }
}
