package dev.switchboard.numbers;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The number lifecycle on a Twilio connection, end to end: the service, its real Twilio adapter, and the Twilio
 * emulator speaking Twilio's wire format. Twilio's own failures mid-purchase (an answer cut off after Twilio sold
 * the number, an answer too late) leave no number lost and none recorded that Twilio does not hold.
 */
// The per-connection circuit breaker (tested in ResilienceThroughApiTest) would open after the failures injected
// here and keep the reconciliation from asking Twilio; this test is about what the reconciliation then decides.
@TestPropertySource(properties = {"switchboard.providers.circuit-breaker.window-size=1000",
        "switchboard.providers.circuit-breaker.minimum-calls=1000"})
class NumbersOnTwilioTest extends OnEmbeddedDatabase implements NumbersApi {

    private static final String SID = TwilioEmulator.sidFor("AC", "numbers-lifecycle");
    private static final String TOKEN = "fedcba9876543210fedcba9876543210";

    private final TwilioEmulator twilio = twilio();
    private String key;
    private String connection;
    // Numbers of this test alone: the emulator is reset for each test, the database (which holds every number
    // any test bought) is not, and a number held in Switchboard is not for sale to anyone else.
    private String owned;
    private String sanFrancisco;
    private String newYork;

    private static String unique(String areaCode) {
        return "+1" + areaCode + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7_000_000));
    }

    @BeforeEach
    void twilioAccount() {
        owned = unique("415");
        sanFrancisco = unique("415");
        newYork = unique("212");
        twilio.reset();
        twilio.registerAccount(SID, TOKEN)
                .addInventory(
                        TwilioEmulator.InventoryNumber.of(sanFrancisco, "US", NumberType.LOCAL)
                                .in("CA", "San Francisco", "94105").at("722", "SNFC CNTRL", "37.788800", "-122.399200"),
                        TwilioEmulator.InventoryNumber.of(unique("415"), "US", NumberType.LOCAL)
                                .in("CA", "San Francisco", "94107").at("722", "SNFC CNTRL", "37.769800", "-122.395200"),
                        TwilioEmulator.InventoryNumber.of(newYork, "US", NumberType.LOCAL)
                                .in("NY", "New York", "10001").at("132", "NWYRCYZN01", "40.750600", "-73.997200"))
                .addOwned(SID, TwilioEmulator.OwnedNumber.of(owned, NumberType.LOCAL));
        key = newUser();
        connection = api().newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN)));
    }

    @AfterEach
    void wireStaysConformant() {
        twilio.clearFaults();
        twilio.assertConformant();
    }

    private List<String> ownedAtTwilio() {
        return twilio.owned(SID).stream().map(TwilioEmulator.OwnedNumber::phoneNumber).toList();
    }

    private String firstOnSaleIn(String areaCode) {
        Response r = api().get("/v1/numbers/available", params("telephony_provider", "twilio",
                "telephony_account_connection", connection, "filters", "{\"area_code\":\"" + areaCode + "\"}"), key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items").get(0).get("number").asString();
    }

    @Test
    void searchBuyUpdateListCancelOnTwilio() {
        String agent = newAgent(key, "Twilio desk");
        String number = firstOnSaleIn("415");

        Response bought = buy(key, body("phone_number", number, "telephony_provider", "twilio",
                "telephony_account_connection", connection), UUID.randomUUID().toString());
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().get("number").asString()).isEqualTo(number);
        assertThat(bought.json().get("telephony_provider").asString()).isEqualTo("twilio");
        assertThat(bought.json().get("telephony_account_connection").get("credentials").get("twilio_auth_token")
                .asString()).isEqualTo("****3210");
        assertThat(bought.json().get("provider_details").get("country").asString()).isEqualTo("US");
        assertThat(bought.json().get("provider_details").get("type").asString()).isEqualTo("local");
        assertThat(bought.json().get("provider_details").get("sandbox").asBoolean()).isFalse();
        assertThat(bought.body()).doesNotContain(TOKEN);
        assertThat(ownedAtTwilio()).contains(number);
        assertThat(twilio.inventory()).noneMatch(n -> n.phoneNumber().equals(number));

        Response updated = update(key, number, body("inbound_agent", agent, "label", "Twilio main"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("inbound_agent_name").asString()).isEqualTo("Twilio desk");
        assertThat(listedNumbers(key)).containsExactly(number);
        assertThat(list(key, "").json().get("items").get(0)).isEqualTo(listed(updated.json()));

        Response cancelled = cancel(key, number);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("active").asBoolean()).isFalse();
        assertThat(ownedAtTwilio()).doesNotContain(number); // released at Twilio
        assertThat(listedNumbers(key)).isEmpty();
    }

    @Test
    void buysByAreaCodeAndLinksWhatTheAccountOwns() {
        Response bought = buy(key, body("area_code", "212", "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().get("number").asString()).isEqualTo(newYork);

        Response linked = link(key, body("phone_number", owned, "telephony_account_connection", connection));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        Response notOwned = link(key, body("phone_number", sanFrancisco, "telephony_account_connection", connection));
        assertProblem(notOwned, 422, "validation-failed", "phone_number");
        assertThat(listedNumbers(key)).containsExactly(newYork, owned);

        assertThat(cancel(key, owned).status()).isEqualTo(200);
        assertThat(ownedAtTwilio()).contains(owned, newYork); // a linked number stays the account's
        assertProblem(buy(key, body("phone_number", owned, "telephony_account_connection", connection)),
                409, "number-not-on-sale", null);
    }

    @Test
    void anAnswerCutOffAfterTwilioSoldTheNumberStillRecordsIt() {
        String number = firstOnSaleIn("415");
        twilio.injectNext(new EmulatedFault.CloseMidBody()); // Twilio sells, the answer breaks off
        Response bought = buy(key, body("phone_number", number, "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200); // asked Twilio, which owns it now
        assertThat(listedNumbers(key)).containsExactly(number);
        assertThat(ownedAtTwilio()).containsOnlyOnce(number);
    }

    @Test
    void anAnswerTooLateIsSettledWithTwilio() {
        String number = firstOnSaleIn("415");
        twilio.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(4))); // beyond the 2 s deadline
        Response bought = buy(key, body("phone_number", number, "telephony_account_connection", connection));
        if (bought.status() == 200) { // Twilio had already sold it when Switchboard asked
            assertThat(listedNumbers(key)).containsExactly(number);
        } else { // Twilio sold it after Switchboard asked: the reconciliation finds it
            assertProblem(bought, 504, "provider-timeout", null);
            awaitOwnedAtTwilio(number);
            context().getBean(NumberPurchases.class).reconcile(Instant.now().plusSeconds(1));
            assertThat(listedNumbers(key)).containsExactly(number);
        }
        assertThat(ownedAtTwilio()).containsOnlyOnce(number);
    }

    @Test
    void whenTwilioCannotSayTheReconciliationSettlesEitherWay() {
        String sold = firstOnSaleIn("415");
        twilio.injectNext(new EmulatedFault.CloseMidBody()); // the purchase goes through, its answer breaks
        dropNextConnections(); // and so does every question whether it went through
        Response r = buy(key, body("phone_number", sold, "telephony_account_connection", connection));
        twilio.clearFaults();
        assertProblem(r, 502, "provider-unavailable", null);
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(ownedAtTwilio()).contains(sold);

        String notSold = firstOnSaleIn("212");
        dropNextConnections(); // the purchase never reaches Twilio, nor the question
        Response unknown = buy(key, body("phone_number", notSold, "telephony_account_connection", connection));
        twilio.clearFaults();
        assertProblem(unknown, 502, "provider-unavailable", null);

        context().getBean(NumberPurchases.class).reconcile(Instant.now().plusSeconds(1));
        assertThat(listedNumbers(key)).containsExactly(sold);
        assertThat(ownedAtTwilio()).doesNotContain(notSold);
        assertThat(jdbc().sql("SELECT state FROM number_purchases WHERE phone_number = :n AND account_connection_id = :c")
                .param("n", notSold).param("c", UUID.fromString(connection)).query(String.class).single()).isEqualTo("failed");
    }

    @Test
    void twilioRefusingTheCredentialsIsA422AndBuysNothing() {
        twilio.reset();
        twilio.registerAccount(SID, "another-token-0000000000000000000")
                .addInventory(TwilioEmulator.InventoryNumber.of(sanFrancisco, "US", NumberType.LOCAL));
        Response r = buy(key, body("phone_number", sanFrancisco, "telephony_account_connection", connection));
        assertProblem(r, 422, "provider-credentials-rejected", null);
        assertThat(r.body()).doesNotContain(TOKEN);
        assertThat(jdbc().sql("SELECT state FROM number_purchases WHERE account_connection_id = :c")
                .param("c", UUID.fromString(connection)).query(String.class).list()).containsExactly("failed");
    }

    private void dropNextConnections() {
        // More than any retry of a request that is safe to retry: the provider wrapper makes up to 3 attempts of a
        // read, and Java's HTTP client itself sends a GET again once when the connection drops before any answer.
        for (int i = 0; i < 12; i++) {
            twilio.injectNext(new EmulatedFault.DropConnection());
        }
    }

    private void awaitOwnedAtTwilio(String number) {
        org.awaitility.Awaitility.await("Twilio sells " + number).atMost(Duration.ofSeconds(10))
                .until(() -> ownedAtTwilio().contains(number));
    }
}
