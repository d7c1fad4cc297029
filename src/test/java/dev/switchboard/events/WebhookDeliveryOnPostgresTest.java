package dev.switchboard.events;

import dev.switchboard.support.OnPostgres;
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
    private static String url;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", WebhookDeliveryOnPostgresTest::url);
        registry.add("spring.datasource.username", PostgresDatabase::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("switchboard.secret-key", () -> OnPostgres.SECRET_KEY);
    }

    private static synchronized String url() {
        if (url == null) {
            url = PostgresDatabase.newDatabase();
        }
        return url;
    }

    @Override
    public WebhookReceiver receiver() {
        return RECEIVER;
    }
}
