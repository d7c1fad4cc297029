package dev.switchboard.numbers;

import dev.switchboard.support.ApiTest;
import dev.switchboard.support.OwnDatabase;
import dev.switchboard.support.PostgresDatabase;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link NumberRoutingContract} on PostgreSQL, with the contract's properties, in a context closed after it and a
 * database of its own (see the embedded twin for why).
 */
@ExtendWith(PostgresDatabase.class)
class NumberRoutingOnPostgresTest extends ApiTest implements NumberRoutingContract {

    private final Fixture fixture = new Fixture();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.postgres(registry, NumberRoutingOnPostgresTest.class);
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
