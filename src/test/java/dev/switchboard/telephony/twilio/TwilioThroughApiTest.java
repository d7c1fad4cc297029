package dev.switchboard.telephony.twilio;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.twilio.TwilioEmulator.Fault;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/numbers/available} end to end on a Twilio connection: the service, its real Twilio adapter
 * and the Twilio emulator speaking Twilio's wire format, with every provider failure of API.md's table.
 */
class TwilioThroughApiTest extends OnEmbeddedDatabase {

    private static final String SID = TwilioEmulator.sidFor("AC", "through-api");
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private final TwilioEmulator twilio = twilio();
    private String key;
    private String connection;

    @BeforeEach
    void twilioAccount() {
        twilio.reset();
        twilio.registerAccount(SID, TOKEN).withSampleInventory()
                .addOwned(SID, TwilioEmulator.OwnedNumber.of("+14155550100", NumberType.LOCAL));
        key = newUser();
        connection = newTwilioConnection();
    }

    private String newTwilioConnection() {
        return api().newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN)));
    }

    @AfterEach
    void wireStaysConformant() {
        twilio.clearFaults();
        twilio.assertConformant();
    }

    private Response search(String filters) {
        return api().get("/v1/numbers/available", filters == null
                ? params("telephony_provider", "twilio", "telephony_account_connection", connection)
                : params("telephony_provider", "twilio", "telephony_account_connection", connection, "filters", filters), key);
    }

    @Test
    void searchesTwilioInventoryInTheSeedsShape() {
        Response r = search("{\"area_code\":\"415\",\"capabilities\":[\"sms\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode items = r.json().get("items");
        assertThat(items).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("number").asString()).startsWith("+1415");
            assertThat(item.get("telephony_provider").asString()).isEqualTo("twilio");
            assertThat(item.get("id").isNull()).isTrue();
            assertThat(item.get("provider_details").get("sandbox").asBoolean()).isFalse();
            assertThat(item.get("provider_details").get("region").asString()).isEqualTo("CA");
            assertThat(item.get("provider_details").get("capabilities").get("sms").asBoolean()).isTrue();
            assertThat(item.get("telephony_account_connection").get("credentials").get("twilio_auth_token").asString())
                    .isEqualTo("****cdef");
        });
        assertThat(r.json().get("total_is_estimated").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain(TOKEN);
        assertThat(twilio.requests()).anySatisfy(req -> {
            assertThat(req.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/US/Local.json");
            assertThat(req.parameter("AreaCode")).contains("415");
        });
    }

    @Test
    void listsTheNumbersTheTwilioAccountOwns() {
        Response r = search("{\"source\":\"account\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("number").asString()).isEqualTo("+14155550100"));
    }

    @Test
    void rejectedCredentialsAre422NamingTheConnection() {
        Response update = api().post("/v1/account_connections/update?id=" + connection, key,
                Map.of("credentials", Map.of("twilio_auth_token", "ffffffffffffffffffffffffffffffff")));
        assertThat(update.status()).isEqualTo(200);
        Response r = search(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-credentials-rejected");
        assertThat(r.body()).doesNotContain("ffffffffffffffffffffffffffffffff");
    }

    @Test
    void rateLimitIs503WithTwiliosRetryAfter() {
        twilio.inject(Fault.twilioError(429, 20429, "Too Many Requests", Map.of("Retry-After", "7")));
        Response r = search(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rate-limited");
    }

    @Test
    void serverErrorsAndBrokenAnswersAre502NamingTwilio() {
        twilio.inject(Fault.twilioError(500, 20500, "Internal Server Error"));
        Response r = search(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("provider").asString()).isEqualTo("twilio");
        assertThat(r.json().get("provider_code").asString()).isEqualTo("20500");

        for (EmulatedFault fault : new EmulatedFault[] {Fault.htmlPage(503), Fault.malformedJson(), new EmulatedFault.DropConnection(),
                new EmulatedFault.CloseMidBody()}) {
            // Each failure is retried; a fresh connection (so a fresh circuit breaker) keeps each one a 502.
            connection = newTwilioConnection();
            twilio.inject(fault);
            Response broken = search(null);
            assertThat(broken.status()).as("%s: %s", fault, broken).isEqualTo(502);
            assertThat(broken.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
        }
    }

    @Test
    void noAnswerWithinTheDeadlineIs504() {
        twilio.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Response r = search(null);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as(r.toString()).isEqualTo(504);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-timeout");
        assertThat(elapsedMs).isLessThan(2_000 + 1_500); // the deadline (2 s in tests) plus slack
    }

    @Test
    void aNumberTypeTwilioDoesNotSellIsA422NamingTheFilter() {
        Response r = search("{\"type\":\"mobile\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("filters.type");
    }
}
