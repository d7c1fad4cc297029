package dev.switchboard.numbers;

import dev.switchboard.support.ApiTest;
import dev.switchboard.support.OwnDatabase;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link NumberRoutingContract} on the embedded database, with the contract's properties, in a context closed after
 * it and a database of its own: on the shared one, the other tests' services hold the routing jobs' locks for their
 * own periods (15 s, 10 min), and this test's retries waited behind them.
 */
class NumberRoutingOnEmbeddedDatabaseTest extends ApiTest implements NumberRoutingContract {

    private final Fixture fixture = new Fixture();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.embedded(registry, NumberRoutingOnEmbeddedDatabaseTest.class);
    }

    @Override
    public TwilioEmulator twilioEmulator() {
        return ApiTest.twilio();
    }

    @Override
    public Fixture fixture() {
        return fixture;
    }
}
