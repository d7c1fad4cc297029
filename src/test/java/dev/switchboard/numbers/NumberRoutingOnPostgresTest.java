package dev.switchboard.numbers;

import dev.switchboard.support.OnPostgres;
import dev.switchboard.telephony.twilio.TwilioEmulator;

/** {@link NumberRoutingContract} on PostgreSQL, with the contract's properties, in a context closed after it. */
class NumberRoutingOnPostgresTest extends OnPostgres implements NumberRoutingContract {

    private final Fixture fixture = new Fixture();

    @Override
    public TwilioEmulator twilioEmulator() {
        return OnPostgres.twilio();
    }

    @Override
    public Fixture fixture() {
        return fixture;
    }
}
