package dev.switchboard.events;

import dev.switchboard.support.ApiTest;
import dev.switchboard.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook deliveries on the embedded database, in a data folder of their own: the other API tests' service (whose
 * worker refuses loopback targets) must not claim these deliveries.
 */
@FastDeliveries
class WebhookDeliveryOnEmbeddedDatabaseTest extends ApiTest implements WebhookDeliveryContract {

    private static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.embedded(registry, WebhookDeliveryOnEmbeddedDatabaseTest.class);
    }

    @Override
    public WebhookReceiver receiver() {
        return RECEIVER;
    }
}
