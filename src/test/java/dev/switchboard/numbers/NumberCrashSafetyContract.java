package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A purchase is money: when the database refuses to record a number the provider has just sold (a real failure:
 * a constraint that rejects that one number), the purchase stays pending, and the reconciliation or a retry with
 * the same Idempotency-Key records it once the database accepts it again; a pending purchase the provider never
 * made fails. Afterwards the user's list and the provider's holdings agree.
 */
public interface NumberCrashSafetyContract extends NumbersApi {

    /** Makes the database refuse to record this number, as an outage would, until the returned handle is closed. */
    private AutoCloseable refuseToRecord(String number) {
        String constraint = "refuse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc().sql("ALTER TABLE phone_numbers ADD CONSTRAINT " + constraint + " CHECK (phone_number <> '" + number + "')")
                .update();
        return () -> jdbc().sql("ALTER TABLE phone_numbers DROP CONSTRAINT " + constraint).update();
    }

    private int reconcileNow() {
        return context().getBean(NumberPurchases.class).reconcile(Instant.now().plusSeconds(1));
    }

    private List<Map<String, Object>> purchasesOf(String connection, String number) {
        return jdbc().sql("SELECT state, phone_number_id FROM number_purchases WHERE phone_number = :n AND account_connection_id = :c")
                .param("n", number).param("c", UUID.fromString(connection)).query().listOfRows();
    }

    @Test
    default void aNumberBoughtButNotRecordedIsRecordedOnceByTheReconciliation() throws Exception {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("phone_number", number, "telephony_account_connection", connection);

        try (AutoCloseable outage = refuseToRecord(number)) {
            Response r = buy(key, request, idem);
            assertProblem(r, 503, "purchase-pending", null);
            assertThat(r.json().get("detail").asString()).contains(number);
            assertThat(r.body()).doesNotContainIgnoringCase("constraint").doesNotContainIgnoringCase("sql");
            assertThat(ownedAtProvider(key, "sandbox", connection)).contains(number); // the money went
            assertThat(listedNumbers(key)).isEmpty();
            assertThat(purchasesOf(connection, number)).singleElement().extracting(p -> p.get("state")).isEqualTo("pending");

            reconcileNow(); // the database still refuses: the purchase stays pending, nothing is lost
            assertThat(purchasesOf(connection, number)).singleElement().extracting(p -> p.get("state")).isEqualTo("pending");
        }

        assertThat(reconcileNow()).isGreaterThanOrEqualTo(1);
        assertThat(listedNumbers(key)).containsExactly(number);
        assertThat(purchasesOf(connection, number)).singleElement().extracting(p -> p.get("state")).isEqualTo("bought");
        reconcileNow();
        assertThat(listedNumbers(key)).containsExactly(number);

        // the client's retry gets the number, and nothing is bought again
        Response retry = buy(key, request, idem);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().get("number").asString()).isEqualTo(number);
        assertThat(purchasesOf(connection, number)).hasSize(1);
        assertThat(ownedAtProvider(key, "sandbox", connection)).containsOnlyOnce(number);
    }

    @Test
    default void aRetryWithTheSameKeyRecordsThePendingPurchaseWithoutBuyingAgain() throws Exception {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = onSale(key, connection, "{\"area_code\":\"646\"}").getFirst();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("phone_number", number, "telephony_account_connection", connection);
        try (AutoCloseable outage = refuseToRecord(number)) {
            assertThat(buy(key, request, idem).status()).isEqualTo(503);
        }
        Response retry = buy(key, request, idem);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().get("number").asString()).isEqualTo(number);
        assertThat(purchasesOf(connection, number)).singleElement().extracting(p -> p.get("state")).isEqualTo("bought");
        assertThat(listedNumbers(key)).containsExactly(number);
    }

    @Test
    default void aBuyByAreaCodeThatCouldNotBeRecordedIsRecordedByTheReconciliation() throws Exception {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String first = onSale(key, connection, "{\"area_code\":\"718\"}").getFirst();
        try (AutoCloseable outage = refuseToRecord(first)) {
            assertProblem(buy(key, body("area_code", "718", "telephony_account_connection", connection)),
                    503, "purchase-pending", null);
        }
        reconcileNow();
        assertThat(listedNumbers(key)).containsExactly(first);
        assertThat(ownedAtProvider(key, "sandbox", connection)).contains(first);
    }

    @Test
    default void aPendingPurchaseTheProviderNeverMadeFailsAndRecordsNothing() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        UUID userId = jdbc().sql("SELECT user_id FROM account_connections WHERE id = :id")
                .param("id", UUID.fromString(connection)).query(UUID.class).single();
        // the service died after writing the intent and before asking the provider
        OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        jdbc().sql("""
                        INSERT INTO number_purchases (id, user_id, account_connection_id, telephony_provider, phone_number,
                          state, created_at, updated_at)
                        VALUES (:id, :userId, :connection, 'sandbox', :number, 'pending', :then, :then)""")
                .param("id", UUID.randomUUID()).param("userId", userId).param("connection", UUID.fromString(connection))
                .param("number", number).param("then", then).update();

        reconcileNow();
        assertThat(purchasesOf(connection, number)).singleElement().extracting(p -> p.get("state")).isEqualTo("failed");
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(ownedAtProvider(key, "sandbox", connection)).doesNotContain(number);
        assertThat(onSale(key, connection, "{\"area_code\":\"415\"}")).contains(number);
    }
}
