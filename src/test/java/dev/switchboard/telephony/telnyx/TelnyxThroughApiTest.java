package dev.switchboard.telephony.telnyx;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.Fault;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.OwnedNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/numbers/available} end to end on a Telnyx connection: the service, its real Telnyx adapter and the
 * Telnyx emulator speaking Telnyx's wire format, with every provider failure of API.md's table.
 */
class TelnyxThroughApiTest extends OnEmbeddedDatabase {

    private final TelnyxEmulator telnyx = telnyx();
    private String apiKey;
    private String key;
    private String connection;

    @BeforeEach
    void telnyxAccount() {
        telnyx.reset();
        apiKey = "KEY01" + UUID.randomUUID().toString().replace("-", "") + "_through_api";
        telnyx.registerAccount(apiKey).withSampleInventory()
                .addOwned(apiKey, OwnedNumber.of("+14155550100", "US", NumberType.LOCAL));
        key = newUser();
        connection = api().newConnection(key, Map.of("type", "account_connection_telnyx",
                "credentials", Map.of("telnyx_api_key", apiKey)));
    }

    @AfterEach
    void wireStaysConformant() {
        telnyx.clearFaults();
        telnyx.assertConformant();
    }

    private Response search(@Nullable String filters) {
        return search("telnyx", connection, filters);
    }

    private Response search(String provider, String connectionId, @Nullable String filters) {
        return api().get("/v1/numbers/available", filters == null
                ? params("telephony_provider", provider, "telephony_account_connection", connectionId)
                : params("telephony_provider", provider, "telephony_account_connection", connectionId,
                        "filters", filters), key);
    }

    @Test
    void searchesTelnyxInventoryInTheSeedsShape() {
        Response r = search("{\"area_code\":\"415\",\"capabilities\":[\"sms\"]}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode items = r.json().get("items");
        assertThat(items).hasSize(2).allSatisfy(item -> {
            assertThat(item.get("number").asString()).startsWith("+1415");
            assertThat(item.get("telephony_provider").asString()).isEqualTo("telnyx");
            assertThat(item.get("id").isNull()).isTrue();
            assertThat(item.get("active").asBoolean()).isFalse();
            JsonNode details = item.get("provider_details");
            assertThat(details.get("sandbox").asBoolean()).isFalse();
            assertThat(details.get("country").asString()).isEqualTo("US");
            assertThat(details.get("type").asString()).isEqualTo("local");
            assertThat(details.get("region").asString()).isEqualTo("CA");
            assertThat(details.get("capabilities").get("sms").asBoolean()).isTrue();
            assertThat(details.get("monthly_price").get("amount").asString()).isEqualTo("1.00");
            assertThat(details.get("monthly_price").get("currency").asString()).isEqualTo("USD");
            assertThat(details.get("best_effort_match").asBoolean()).isFalse();
            assertThat(item.get("telephony_account_connection").get("credentials").get("telnyx_api_key").asString())
                    .isEqualTo("****" + apiKey.substring(apiKey.length() - 4));
        });
        assertThat(r.json().get("total_is_estimated").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain(apiKey);
        assertThat(telnyx.requests()).singleElement().satisfies(req -> {
            assertThat(req.path()).isEqualTo("/v2/available_phone_numbers");
            assertThat(req.parameter("filter[national_destination_code]")).contains("415");
            assertThat(req.parameters("filter[features]")).containsExactly("sms");
            assertThat(req.apiKey()).isEqualTo(apiKey);
        });
    }

    @Test
    void answersInTheSameShapeAsTheSandboxAndTwilio() {
        String sandbox = api().newConnection(key, Map.of("type", "account_connection_sandbox"));
        String sid = TwilioEmulator.sidFor("AC", "telnyx shape comparison " + UUID.randomUUID());
        twilio().registerAccount(sid, "0123456789abcdef0123456789abcdef").withSampleInventory();
        String twilioConnection = api().newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", sid, "twilio_auth_token",
                        "0123456789abcdef0123456789abcdef")));

        Response fromTelnyx = search("telnyx", connection, null);
        Response fromSandbox = search("sandbox", sandbox, null);
        Response fromTwilio = search("twilio", twilioConnection, null);

        for (Response r : List.of(fromTelnyx, fromSandbox, fromTwilio)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("items")).as(r.toString()).isNotEmpty();
        }
        assertThat(shape(fromTelnyx.json())).isEqualTo(shape(fromSandbox.json())).isEqualTo(shape(fromTwilio.json()));
    }

    @Test
    void findsAVanityNumberByItsWord() {
        Response r = search("{\"contains\":\"CALL\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("number").asString()).isEqualTo("+14155552255"));
        assertThat(telnyx.requests().getFirst().parameter("filter[phone_number][contains]")).contains("2255");
    }

    @Test
    void listsTheNumbersTheTelnyxAccountOwns() {
        Response r = search("{\"source\":\"account\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("number").asString()).isEqualTo("+14155550100"));
    }

    @Test
    void aFilterTelnyxCannotHonourIs422NamingItAndTelnyx() {
        Response r = search("{\"postal_code\":\"94105\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("filters.postal_code");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("telnyx");
        assertThat(telnyx.requestCount()).isZero();
    }

    @Test
    void aFilterTelnyxRefusesIs422NamingTheFilter() {
        telnyx.inject(Fault.telnyxError(400, "10015", "Bad Request", "Unknown locality.", "filter[locality]",
                Map.of()));

        Response r = search("{\"locality\":\"Atlantis\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rejected-request");
        assertThat(r.json().get("provider_code").asString()).isEqualTo("10015");
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("filters.locality");
    }

    @Test
    void rejectedCredentialsAre422NamingTheConnection() {
        telnyx.revoke(apiKey);

        Response r = search(null);

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-credentials-rejected");
        assertThat(r.body()).doesNotContain(apiKey);
    }

    @Test
    void rateLimitIs503WithTelnyxsRetryAfter() {
        telnyx.inject(Fault.rateLimited(Duration.ofSeconds(7)));

        Response r = search(null);

        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rate-limited");
    }

    @Test
    void serverErrorsAndBrokenAnswersAre502NamingTelnyx() {
        telnyx.inject(Fault.serverError());
        Response r = search(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("provider").asString()).isEqualTo("telnyx");
        assertThat(r.json().get("provider_code").asString()).isEqualTo("10007");

        for (EmulatedFault fault : new EmulatedFault[] {Fault.htmlPage(502), Fault.malformedJson(), new EmulatedFault.DropConnection(),
                new EmulatedFault.CloseMidBody()}) {
            // Each failure is retried; a fresh connection (so a fresh circuit breaker) keeps each one a 502.
            connection = api().newConnection(key, Map.of("type", "account_connection_telnyx",
                    "credentials", Map.of("telnyx_api_key", apiKey)));
            telnyx.inject(fault);
            Response broken = search(null);
            assertThat(broken.status()).as("%s: %s", fault, broken).isEqualTo(502);
            assertThat(broken.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
            assertThat(broken.json().get("provider").asString()).isEqualTo("telnyx");
        }
    }

    @Test
    void noAnswerWithinTheDeadlineIs504() {
        telnyx.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));

        long start = System.nanoTime();
        Response r = search(null);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.status()).as(r.toString()).isEqualTo(504);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-timeout");
        assertThat(elapsedMs).isLessThan(2_000 + 1_500); // the deadline (2 s in tests) plus slack
    }

    /** The field names of the page and of every item (and its objects), without their values. */
    private static TreeSet<String> shape(JsonNode page) {
        TreeSet<String> paths = new TreeSet<>();
        collect("", page, paths, false);
        return paths;
    }

    private static void collect(String at, JsonNode node, TreeSet<String> paths, boolean inArray) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            for (String name : names) {
                String path = at + "/" + name;
                paths.add(path);
                JsonNode child = node.get(name);
                // Values that may be null on one provider and an object on another (the prices) are compared by
                // name only; credentials differ by provider type and are left out.
                if (!name.equals("credentials") && !name.endsWith("_price") && !name.equals("example_context")) {
                    collect(path, child, paths, false);
                }
            }
        } else if (node.isArray() && !inArray) {
            for (JsonNode element : node) {
                collect(at + "[]", element, paths, true);
            }
        }
    }
}
