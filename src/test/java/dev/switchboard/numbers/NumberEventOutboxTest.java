package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.support.OnEmbeddedDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Number recorded" and "event queued" are one transaction: the webhook outbox writes its delivery rows in the
 * transaction that publishes the event, so a rollback after publication leaves neither the number nor a delivery.
 */
class NumberEventOutboxTest extends OnEmbeddedDatabase {

    private String key;
    private UUID userId;
    private UUID connection;
    private UUID webhook;

    @BeforeEach
    void userWithAWebhook() {
        key = newUser();
        connection = UUID.fromString(api().newSandboxConnection(key));
        userId = jdbc().sql("SELECT user_id FROM account_connections WHERE id = :id").param("id", connection)
                .query(UUID.class).single();
        webhook = UUID.fromString(api().post("/v1/webhooks/create", key, Map.of("subscriptions", List.of(),
                "number_events", List.of("number.linked"), "url", "https://example.invalid/hook")).json().get("id").asString());
    }

    private HeldNumber number() {
        Instant now = Instant.now();
        String phone = "+1907555" + String.format("%04d", (int) (Math.random() * 10_000));
        return new HeldNumber(UUID.randomUUID(), userId, phone, "sandbox", connection, HeldNumber.LINKED, null, true,
                null, null, false, Map.of(), null, null, now, now);
    }

    private long numbers(HeldNumber n) {
        return jdbc().sql("SELECT COUNT(*) FROM phone_numbers WHERE id = :id").param("id", n.id()).query(Long.class).single();
    }

    private long deliveries() {
        return jdbc().sql("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = :id").param("id", webhook)
                .query(Long.class).single();
    }

    @Test
    void aCommittedChangeQueuesItsEventWithIt() {
        HeldNumber n = number();
        context().getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            context().getBean(HeldNumberRepository.class).insert(n);
            context().getBean(NumberEvents.class).publish(NumberEvent.Type.LINKED, n);
        });
        assertThat(numbers(n)).isEqualTo(1);
        assertThat(deliveries()).isEqualTo(1);
        String body = jdbc().sql("SELECT body FROM webhook_deliveries WHERE webhook_id = :id").param("id", webhook)
                .query(String.class).single();
        assertThat(body).contains("\"type\":\"number.linked\"").contains("\"number\":\"" + n.phoneNumber() + "\"");
    }

    @Test
    void aRollbackAfterPublicationLeavesNeitherTheNumberNorItsEvent() {
        HeldNumber n = number();
        context().getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            context().getBean(HeldNumberRepository.class).insert(n);
            context().getBean(NumberEvents.class).publish(NumberEvent.Type.LINKED, n);
            assertThat(deliveries()).as("queued inside the transaction").isEqualTo(1);
            status.setRollbackOnly();
        });
        assertThat(numbers(n)).isZero();
        assertThat(deliveries()).isZero();
    }

    @Test
    void anEventPublishedOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> context().getBean(NumberEvents.class).publish(NumberEvent.Type.LINKED, number()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside the transaction");
        assertThat(deliveries()).isZero();
    }
}
