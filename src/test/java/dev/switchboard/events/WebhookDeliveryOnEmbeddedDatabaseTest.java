package dev.switchboard.events;

import dev.switchboard.support.ApiTest;
import dev.switchboard.support.TempDirs;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Webhook deliveries on the embedded database, in a data folder of their own: the other API tests' service (whose
 * worker refuses loopback targets) must not claim these deliveries.
 */
@TestPropertySource(properties = {"switchboard.webhooks.allow-private-targets=true",
        "switchboard.webhooks.delivery.interval=100ms", "switchboard.webhooks.delivery.lease=10s",
        "switchboard.webhooks.delivery.connect-timeout=1s", "switchboard.webhooks.delivery.read-timeout=2s",
        "switchboard.webhooks.retry.initial=200ms", "switchboard.webhooks.retry.max=1s",
        "switchboard.webhooks.retry.give-up-after=6s"})
class WebhookDeliveryOnEmbeddedDatabaseTest extends ApiTest implements WebhookDeliveryContract {

    private static final Path DATA_DIR = TempDirs.dataDirDeletedOnExit("switchboard-webhooks-test-data");
    private static final WebhookReceiver RECEIVER = new WebhookReceiver();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("switchboard.data-dir", DATA_DIR::toString);
    }

    @Override
    public WebhookReceiver receiver() {
        return RECEIVER;
    }
}
