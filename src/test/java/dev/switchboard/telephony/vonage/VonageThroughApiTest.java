package dev.switchboard.telephony.vonage;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.vonage.VonageEmulator.Fault;
import dev.switchboard.telephony.vonage.VonageEmulator.OwnedNumber;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/numbers/available} end to end on a Vonage connection: the service, its real Vonage adapter and the
 * Vonage emulator speaking Vonage's wire format, with the sandbox's response shape and every provider failure of
 * API.md's table.
 */
class VonageThroughApiTest extends OnEmbeddedDatabase {

    private static final String KEY = "9a8b7c6d";
    private static final String SECRET = "ThroughApiSecret0123abcd";

    private final VonageEmulator vonage = vonage();
    private String key;
    private String connection;

    @BeforeEach
    void vonageAccount() {
        vonage.reset();
        vonage.registerAccount(KEY, SECRET).withSampleInventory()
                .addOwned(KEY, OwnedNumber.of("14155550100", "US", NumberType.LOCAL));
        key = newUser();
        connection = api().newConnection(key, Map.of("type", "account_connection_vonage",
                "credentials", Map.of("vonage_api_key", KEY, "vonage_api_secret", SECRET)));
    }

    @AfterEach
    void wireStaysConformant() {
        vonage.clearFaults();
        vonage.assertConformant();
    }

    private Response search(@Nullable String filters) {
        return search("vonage", connection, filters);
    }

    private Response search(String provider, String connectionId, @Nullable String filters) {
        return api().get("/v1/numbers/available", filters == null
                ? params("telephony_provider", provider, "telephony_account_connection", connectionId)
                : params("telephony_provider", provider, "telephony_account_connection", connectionId, "filters",
                        filters), key);
    }

    @Test
    void searchesVonageInventoryInTheSeedsShape() throws IOException {
        Response r = search("{\"area_code\":\"415\",\"capabilities\":[\"sms\"]}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode seedItem = seedItem();
        JsonNode items = r.json().get("items");
        assertThat(items).hasSize(2).allSatisfy(item -> {
            assertThat(item.propertyNames()).containsSubsequence(seedItem.propertyNames().stream().toList())
                    .contains("provider_details");
            for (String k : List.of("number", "active", "outbound_only", "example_context", "telephony_provider",
                    "telephony_account_connection")) {
                assertThat(item.get(k).getNodeType()).as(k).isEqualTo(seedItem.get(k).getNodeType());
            }
            assertThat(item.get("number").asString()).startsWith("+1415");
            assertThat(item.get("telephony_provider").asString()).isEqualTo("vonage");
            assertThat(item.get("id").isNull()).isTrue();
            JsonNode details = item.get("provider_details");
            assertThat(details.get("sandbox").asBoolean()).isFalse();
            assertThat(details.get("country").asString()).isEqualTo("US");
            // Vonage's US stock is mobile-lvn: a local search finds it and says what it is
            assertThat(details.get("type").asString()).isEqualTo("mobile");
            assertThat(details.get("region").isNull()).isTrue();
            assertThat(details.get("capabilities").get("sms").asBoolean()).isTrue();
            assertThat(details.get("address_requirements").asString()).isEqualTo("any");
            assertThat(details.get("monthly_price").get("amount").asString()).isEqualTo("0.90");
            assertThat(details.get("monthly_price").get("currency").asString()).isEqualTo("EUR");
            assertThat(item.get("telephony_account_connection").get("credentials").get("vonage_api_secret")
                    .asString()).isEqualTo("****abcd");
        });
        // A US local search asks Vonage for no type (landline and mobile-lvn) and leaves toll-free out itself, so
        // Vonage's count is not the total: the total is what was found, estimated.
        assertThat(r.json().get("total").asInt()).isEqualTo(2);
        assertThat(r.json().get("total_is_estimated").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain(SECRET);
        assertThat(vonage.requests()).singleElement().satisfies(req -> {
            assertThat(req.path()).isEqualTo("/number/search");
            assertThat(req.parameter("pattern")).contains("1415");
            assertThat(req.parameter("features")).contains("SMS");
        });
    }

    @Test
    void theVanitySearchFindsVonagesMobileLvnStockAndAnAccountSearchEveryOwnedNumber() {
        // issue 16: with type=landline both searched nothing of Vonage's US stock, which is mobile-lvn
        Response vanity = search("{\"contains\":\"CALL\"}");
        assertThat(vanity.status()).as(vanity.toString()).isEqualTo(200);
        assertThat(vanity.json().get("items").valueStream().map(i -> i.get("number").asString()))
                .containsExactly("+14155552255");
        assertThat(vanity.json().get("items").get(0).get("provider_details").get("type").asString())
                .isEqualTo("mobile");
        assertThat(vonage.requests()).last().satisfies(req -> assertThat(req.parameter("type")).isEmpty());

        vonage.addOwned(KEY, OwnedNumber.of("14155550111", "US", NumberType.MOBILE),
                OwnedNumber.of("447700900111", "GB", NumberType.MOBILE),
                OwnedNumber.of("18005550111", "US", NumberType.TOLL_FREE));
        Response owned = search("{\"source\":\"account\"}");
        assertThat(owned.status()).as(owned.toString()).isEqualTo(200);
        assertThat(owned.json().get("items").valueStream().map(i -> i.get("number").asString() + " "
                + i.get("provider_details").get("country").asString() + " "
                + i.get("provider_details").get("type").asString()))
                .containsExactlyInAnyOrder("+14155550100 US local", "+14155550111 US mobile", "+447700900111 GB mobile",
                        "+18005550111 US toll_free");
    }

    @Test
    void answersInTheSameShapeAsTheSandbox() {
        String sandbox = api().newSandboxConnection(key);
        JsonNode sandboxItem = search("sandbox", sandbox, null).json().get("items").get(0);

        JsonNode vonageBody = search(null).json();
        JsonNode vonageItem = vonageBody.get("items").get(0);

        assertThat(vonageBody.propertyNames()).containsExactlyElementsOf(
                search("sandbox", sandbox, null).json().propertyNames());
        assertThat(vonageItem.propertyNames()).containsExactlyElementsOf(sandboxItem.propertyNames());
        assertThat(vonageItem.get("provider_details").propertyNames())
                .containsExactlyElementsOf(sandboxItem.get("provider_details").propertyNames());
        assertThat(vonageItem.get("provider_details").get("capabilities").propertyNames())
                .containsExactlyElementsOf(sandboxItem.get("provider_details").get("capabilities").propertyNames());
    }

    @Test
    void listsTheNumbersTheVonageAccountOwns() {
        Response r = search("{\"source\":\"account\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("number").asString()).isEqualTo("+14155550100"));
    }

    @Test
    void aFilterVonageCannotHonourIs422NamingItAndTheProvider() {
        Response r = search("{\"region\":\"CA\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("filters.region");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("vonage");
        assertThat(vonage.requestCount()).isZero();
    }

    @Test
    void rejectedCredentialsAre422NamingTheConnection() {
        Response update = api().post("/v1/account_connections/update?id=" + connection, key,
                Map.of("credentials", Map.of("vonage_api_secret", "RotatedSecretRotatedSecret")));
        assertThat(update.status()).isEqualTo(200);

        Response r = search(null);

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-credentials-rejected");
        assertThat(r.body()).doesNotContain("RotatedSecretRotatedSecret").doesNotContain(SECRET);
    }

    @Test
    void rateLimitIs503WithVonagesRetryAfter() {
        vonage.inject(Fault.problem(429, "throttled", "Rate Limit Hit", "Please wait, then retry your request",
                Map.of("Retry-After", "7")));

        Response r = search(null);

        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rate-limited");
    }

    @Test
    void serverErrorsAndBrokenAnswersAre502NamingVonage() {
        vonage.inject(Fault.vonageError(500, "500", "internal error"));
        Response r = search(null);
        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("provider").asString()).isEqualTo("vonage");
        assertThat(r.json().get("provider_code").asString()).isEqualTo("500");

        for (EmulatedFault fault : new EmulatedFault[] {Fault.htmlPage(502), Fault.malformedJson(), new EmulatedFault.DropConnection(),
                new EmulatedFault.CloseMidBody()}) {
            // Each failure is retried; a fresh connection (so a fresh circuit breaker) keeps each one a 502.
            connection = api().newConnection(key, Map.of("type", "account_connection_vonage",
                    "credentials", Map.of("vonage_api_key", KEY, "vonage_api_secret", SECRET)));
            vonage.inject(fault);
            Response broken = search(null);
            assertThat(broken.status()).as("%s: %s", fault, broken).isEqualTo(502);
            assertThat(broken.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
            assertThat(broken.json().get("provider").asString()).isEqualTo("vonage");
        }
    }

    @Test
    void aSearchVonageRefusesIs422NamingTheFilter() {
        vonage.inject(new EmulatedFault.Respond(400, "application/json;charset=UTF-8", "{\"features\": \"Is invalid.\"}",
                Map.of()));

        Response r = search("{\"capabilities\":[\"voice\"]}");

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rejected-request");
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("filters.capabilities");
    }

    @Test
    void noAnswerWithinTheDeadlineIs504() {
        vonage.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));

        long start = System.nanoTime();
        Response r = search(null);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.status()).as(r.toString()).isEqualTo(504);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-timeout");
        assertThat(elapsedMs).isLessThan(2_000 + 1_500); // the deadline (2 s in tests) plus slack
    }

    private static JsonNode seedItem() throws IOException {
        try (InputStream in = VonageThroughApiTest.class.getResourceAsStream("/seed/available-numbers-example.json")) {
            return JsonMapper.builder().build().readTree(in).get("items").get(0);
        }
    }
}
