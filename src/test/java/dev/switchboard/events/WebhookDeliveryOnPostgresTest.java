package dev.switchboard.events;

import dev.switchboard.support.OwnDatabase;
import dev.switchboard.support.PostgresDatabase;
import dev.switchboard.support.ApiTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Webhook deliveries on PostgreSQL, in a database of their own (see the embedded twin for why). */
@ExtendWith(PostgresDatabase.class)
@FastDeliveries
class WebhookDeliveryOnPostgresTest extends ApiTest implements WebhookDeliveryContract {

    private static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.postgres(registry, WebhookDeliveryOnPostgresTest.class);
    }

    @Override
    public WebhookReceiver receiver() {
        return RECEIVER;
    }
}
