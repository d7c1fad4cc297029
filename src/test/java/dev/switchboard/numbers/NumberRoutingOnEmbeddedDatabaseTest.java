package dev.switchboard.numbers;

import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.twilio.TwilioEmulator;

/** {@link NumberRoutingContract} on the embedded database, with the contract's properties, in a context closed after it. */
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
