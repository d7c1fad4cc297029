package dev.switchboard.numbers;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.telnyx.TelnyxEmulator;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import dev.switchboard.telephony.vonage.VonageEmulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/numbers/available/all} end to end: the service with its real Twilio, Telnyx and Vonage adapters
 * talking to the three provider emulators, and the sandbox, all connections of one user searched at once.
 */
class AcrossAccountsSearchTest extends OnEmbeddedDatabase implements NumbersApi {

    private static final String SID = TwilioEmulator.sidFor("AC", "across-accounts");
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String VONAGE_KEY = "1a2b3c4d";
    private static final String VONAGE_SECRET = "AcrossAccountsSecret0123";

    private final TwilioEmulator twilio = twilio();
    private final TelnyxEmulator telnyx = telnyx();
    private final VonageEmulator vonage = vonage();
    private String key;
    private String telnyxKey;
    private String sandboxConnection;
    private String twilioConnection;
    private String telnyxConnection;
    private String vonageConnection;

    @BeforeEach
    void fourAccounts() {
        twilio.reset();
        telnyx.reset();
        vonage.reset();
        twilio.registerAccount(SID, TOKEN).addInventory(
                TwilioEmulator.InventoryNumber.of("+14155550131", "US", NumberType.LOCAL).in("CA", "San Francisco", "94105"));
        telnyxKey = "KEY01" + UUID.randomUUID().toString().replace("-", "") + "_across";
        telnyx.registerAccount(telnyxKey).addInventory(
                TelnyxEmulator.InventoryNumber.of("+14155550111", "US", NumberType.LOCAL).in("CA", "San Francisco", "SNFC CNTRL")
                        .price("1.00000", "1.00000"),
                TelnyxEmulator.InventoryNumber.of("+14155550112", "US", NumberType.LOCAL).in("CA", "San Francisco", "SNFC CNTRL")
                        .price("0.50000", "2.00000"));
        vonage.registerAccount(VONAGE_KEY, VONAGE_SECRET).addInventory(
                VonageEmulator.InventoryNumber.of("14155550121", "US", NumberType.LOCAL).cost("0.40"),
                VonageEmulator.InventoryNumber.of("14155550122", "US", NumberType.LOCAL).cost("1.00"));
        key = newUser();
        sandboxConnection = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
        twilioConnection = api().newConnection(key, Map.of("type", "account_connection_twilio", "label", "Twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN)));
        telnyxConnection = api().newConnection(key, Map.of("type", "account_connection_telnyx", "label", "Telnyx",
                "credentials", Map.of("telnyx_api_key", telnyxKey)));
        vonageConnection = api().newConnection(key, Map.of("type", "account_connection_vonage", "label", "Vonage",
                "credentials", Map.of("vonage_api_key", VONAGE_KEY, "vonage_api_secret", VONAGE_SECRET)));
    }

    @AfterEach
    void wiresStayConformant() {
        twilio.clearFaults();
        telnyx.clearFaults();
        vonage.clearFaults();
        twilio.assertConformant();
        telnyx.assertConformant();
        vonage.assertConformant();
    }

    private Response searchAll(String... keyValues) {
        return api().get("/v1/numbers/available/all", params(keyValues), key);
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static JsonNode source(Response r, String provider) {
        return list(r.json().get("sources")).stream()
                .filter(s -> s.get("telephony_provider").asString().equals(provider)).findFirst().orElseThrow();
    }

    private BigDecimal eurRate() {
        return context().getBean(PricingProperties.class).rates().get("EUR");
    }

    @Test
    void searchesEveryConnectionAtOnceAndRanksByMonthlyPriceInOneCurrency() {
        Response r = searchAll("limit", "5", "filters", "{\"area_code\": \"415\"}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        // every connection answered, in the order they were made; each returned at most limit numbers
        assertThat(list(r.json().get("sources"))).extracting(s -> s.get("telephony_account_connection").get("id").asString())
                .containsExactly(sandboxConnection, twilioConnection, telnyxConnection, vonageConnection);
        assertThat(list(r.json().get("sources"))).allSatisfy(s -> {
            assertThat(s.get("status").asString()).isEqualTo("ok");
            assertThat(s.has("error")).isFalse();
        });
        assertThat(source(r, "sandbox").get("count").asInt()).isEqualTo(5);
        assertThat(source(r, "twilio").get("count").asInt()).isEqualTo(1);
        assertThat(source(r, "telnyx").get("count").asInt()).isEqualTo(2);
        assertThat(source(r, "vonage").get("count").asInt()).isEqualTo(2);
        assertThat(r.json().get("total").asLong()).isEqualTo(10);
        assertThat(source(r, "twilio").get("telephony_account_connection").get("credentials")
                .get("twilio_auth_token").asString()).isEqualTo("****cdef");
        assertThat(r.body()).doesNotContain(TOKEN, telnyxKey, VONAGE_SECRET);

        // Vonage's 0.40 EUR, Telnyx's 0.50 and 1.00 USD, then the sandbox's 1.15 USD (ties by number); Vonage's
        // 1.00 EUR and Twilio's unknown price fall below the best five
        List<JsonNode> items = list(r.json().get("items"));
        assertThat(items).hasSize(5);
        assertThat(items).extracting(i -> i.get("telephony_provider").asString())
                .containsExactly("vonage", "telnyx", "telnyx", "sandbox", "sandbox");
        assertThat(items.subList(0, 3)).extracting(i -> i.get("number").asString())
                .containsExactly("+14155550121", "+14155550112", "+14155550111");
        assertThat(items.get(3).get("number").asString()).isLessThan(items.get(4).get("number").asString());
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("number").asString()).startsWith("+1415");
            assertThat(item.get("id").isNull()).isTrue();
            assertThat(item.get("active").asBoolean()).isFalse();
            assertThat(item.get("telephony_account_connection").get("id").asString())
                    .isIn(sandboxConnection, telnyxConnection, vonageConnection);
        });
        // the original price stays beside the converted one
        JsonNode vonageDetails = items.getFirst().get("provider_details");
        assertThat(vonageDetails.get("monthly_price").get("amount").asString()).isEqualTo("0.40");
        assertThat(vonageDetails.get("monthly_price").get("currency").asString()).isEqualTo("EUR");
        JsonNode converted = vonageDetails.get("converted_price");
        assertThat(converted.get("currency").asString()).isEqualTo("USD");
        assertThat(new BigDecimal(converted.get("rate").asString())).isEqualByComparingTo(eurRate());
        assertThat(new BigDecimal(converted.get("monthly_price").asString()))
                .isEqualByComparingTo(new BigDecimal("0.40").multiply(eurRate()).setScale(4, RoundingMode.HALF_EVEN));
        assertThat(converted.get("setup_price").isNull()).isTrue();
        JsonNode telnyxDetails = items.get(1).get("provider_details");
        assertThat(telnyxDetails.get("setup_price").get("amount").asString()).isEqualTo("2.00");
        assertThat(telnyxDetails.get("converted_price").get("rate").asString()).isEqualTo("1");
        assertThat(telnyxDetails.get("converted_price").get("monthly_price").asString()).isEqualTo("0.50");
    }

    @Test
    void asksEveryConnectionAtOnceNotOneAfterAnother() throws Exception {
        // Telnyx and Vonage both hold their answers until both have been asked: one after the other, the first would
        // hold until its deadline and the second would never be asked in time
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        telnyx.inject(new EmulatedFault.HoldUntil(gate));
        vonage.inject(new EmulatedFault.HoldUntil(gate));
        try (var client = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answer = client.submit(() -> searchAll("connections", telnyxConnection + "," + vonageConnection,
                    "filters", "{\"area_code\": \"415\"}"));
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (telnyx.requestCount() < 1 || vonage.requestCount() < 1) {
                assertThat(System.nanoTime()).as("both providers asked within the 2 s deadline").isLessThan(end);
                Thread.sleep(5); // polling a condition with a deadline
            }
            gate.countDown();
            Response r = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(list(r.json().get("sources"))).allSatisfy(s -> assertThat(s.get("status").asString()).isEqualTo("ok"));
            assertThat(r.json().get("total").asLong()).isEqualTo(4);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void ranksBySetupPriceOrByNumberWithUnknownPricesLast() {
        String three = String.join(",", twilioConnection, telnyxConnection, vonageConnection);

        Response bySetup = searchAll("connections", three, "filters", "{\"area_code\": \"415\", \"sort\": \"setup_price\"}");
        assertThat(bySetup.status()).as("%s", bySetup).isEqualTo(200);
        // only Telnyx states a setup price; the rest follow by monthly price, Twilio's unknown one last
        assertThat(list(bySetup.json().get("items"))).extracting(i -> i.get("number").asString())
                .containsExactly("+14155550111", "+14155550112", "+14155550121", "+14155550122", "+14155550131");
        assertThat(list(bySetup.json().get("items")).getLast().get("provider_details").get("monthly_price").isNull()).isTrue();

        Response byNumber = searchAll("connections", three, "filters", "{\"area_code\": \"415\", \"sort\": \"number\"}");
        assertThat(list(byNumber.json().get("items"))).extracting(i -> i.get("number").asString())
                .containsExactly("+14155550111", "+14155550112", "+14155550121", "+14155550122", "+14155550131");

        Response byMonthly = searchAll("connections", three, "filters", "{\"area_code\": \"415\"}");
        assertThat(list(byMonthly.json().get("items"))).extracting(i -> i.get("number").asString())
                .containsExactly("+14155550121", "+14155550112", "+14155550111", "+14155550122", "+14155550131");
    }

    @Test
    void aProviderThatFailsIsReportedWithItsProblemAndTheOthersStillAnswer() {
        telnyx.inject(TelnyxEmulator.Fault.rateLimited(Duration.ofSeconds(30)));
        vonage.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        Response r = searchAll("filters", "{\"area_code\": \"415\"}");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        // the deadline is the providers' (2 s in these tests) plus the fan-out's grace, not Vonage's 20 s stall
        assertThat(took).isLessThan(Duration.ofSeconds(2).plus(AcrossAccountsSearch.GRACE).plusSeconds(2));
        JsonNode limited = source(r, "telnyx");
        assertThat(limited.get("status").asString()).isEqualTo("failed");
        assertThat(limited.get("count").asInt()).isZero();
        assertThat(limited.get("error").get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rate-limited");
        assertThat(limited.get("error").get("status").asInt()).isEqualTo(503);
        assertThat(limited.get("error").get("retry_after").asLong()).isEqualTo(30);
        assertThat(limited.get("error").get("provider").asString()).isEqualTo("telnyx");
        JsonNode slow = source(r, "vonage");
        assertThat(slow.get("status").asString()).isEqualTo("failed");
        assertThat(slow.get("error").get("type").asString()).isEqualTo("urn:switchboard:problem:provider-timeout");
        assertThat(slow.get("error").get("status").asInt()).isEqualTo(504);
        assertThat(source(r, "sandbox").get("status").asString()).isEqualTo("ok");
        assertThat(source(r, "twilio").get("status").asString()).isEqualTo("ok");
        assertThat(source(r, "twilio").get("count").asInt()).isEqualTo(1);
        assertThat(list(r.json().get("items"))).extracting(i -> i.get("telephony_provider").asString())
                .isNotEmpty().doesNotContain("telnyx", "vonage");
    }

    @Test
    void aProviderDownIsReportedAndTheOthersStillAnswer() {
        twilio.inject(TwilioEmulator.Fault.twilioError(500, 20500, "Internal Server Error"));

        Response r = searchAll("connections", twilioConnection + "," + telnyxConnection, "filters", "{\"area_code\": \"415\"}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode down = source(r, "twilio");
        assertThat(down.get("status").asString()).isEqualTo("failed");
        assertThat(down.get("error").get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
        assertThat(down.get("error").get("status").asInt()).isEqualTo(502);
        assertThat(down.get("error").get("provider_code").asString()).isEqualTo("20500");
        assertThat(source(r, "telnyx").get("status").asString()).isEqualTo("ok");
        assertThat(list(r.json().get("items"))).extracting(i -> i.get("telephony_provider").asString())
                .containsOnly("telnyx").hasSize(2);
    }

    @Test
    void aSourcesErrorIsTheProblemItsSingleSearchAnswers() {
        String wrongToken = api().newConnection(key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", "ffffffffffffffffffffffffffffffff")));

        Response all = searchAll("connections", wrongToken + "," + telnyxConnection, "filters", "{\"area_code\": \"415\"}");
        Response single = api().get("/v1/numbers/available", params("telephony_provider", "twilio",
                "telephony_account_connection", wrongToken, "filters", "{\"area_code\": \"415\"}"), key);

        assertThat(all.status()).as("%s", all).isEqualTo(200);
        assertThat(single.status()).as("%s", single).isEqualTo(422);
        JsonNode error = source(all, "twilio").get("error");
        assertThat(source(all, "twilio").get("status").asString()).isEqualTo("failed");
        for (String member : List.of("type", "title", "status", "detail", "provider")) {
            assertThat(error.get(member)).as(member).isEqualTo(single.json().get(member));
        }
        assertThat(error.has("request_id")).isFalse();
        assertThat(all.body()).doesNotContain("ffffffffffffffffffffffffffffffff");
        assertThat(source(all, "telnyx").get("status").asString()).isEqualTo("ok");
    }

    @Test
    void whenEveryProviderFailsTheAnswerIsStillTheSourcesNotOneMadeUpStatus() {
        twilio.inject(TwilioEmulator.Fault.twilioError(500, 20500, "Internal Server Error"));
        telnyx.inject(TelnyxEmulator.Fault.rateLimited(Duration.ofSeconds(30)));

        Response r = searchAll("connections", twilioConnection + "," + telnyxConnection);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("items")).isEmpty();
        assertThat(r.json().get("total").asLong()).isZero();
        assertThat(list(r.json().get("sources"))).extracting(s -> s.get("error").get("status").asInt())
                .containsExactly(502, 503);
    }

    @Test
    void aUserWithoutTelephonyConnectionsGetsAnEmptyAnswer() {
        String other = newUser();
        api().newConnection(other, Map.of("type", "account_connection_openai",
                "credentials", Map.of("openai_api_key", "sk-" + "b".repeat(40))));

        Response r = api().get("/v1/numbers/available/all", Map.of(), other);

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("items")).isEmpty();
        assertThat(r.json().get("sources")).isEmpty();
    }

    @Test
    void aFilterOneProviderCannotHonourLeavesItOutWithItsReason() {
        // postal_code: Twilio and the sandbox honour it; Telnyx and Vonage do not report one
        Response r = searchAll("filters", "{\"postal_code\": \"94105\"}");

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        for (String provider : List.of("telnyx", "vonage")) {
            JsonNode refused = source(r, provider);
            assertThat(refused.get("status").asString()).as(provider).isEqualTo("refused");
            assertThat(refused.get("error").get("status").asInt()).isEqualTo(422);
            assertThat(list(refused.get("error").get("errors"))).extracting(e -> e.get("parameter").asString())
                    .containsExactly("filters.postal_code");
        }
        assertThat(source(r, "twilio").get("status").asString()).isEqualTo("ok");
        assertThat(list(r.json().get("items"))).isNotEmpty().allSatisfy(item ->
                assertThat(item.get("provider_details").get("postal_code").asString()).isEqualTo("94105"));
    }

    @Test
    void failsWith422OnlyWhenNoProviderCanHonourTheFilters() {
        Response r = searchAll("connections", telnyxConnection + "," + vonageConnection,
                "filters", "{\"postal_code\": \"94105\"}");

        assertThat(r.status()).as("%s", r).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:validation-failed");
        List<JsonNode> errors = list(r.json().get("errors"));
        assertThat(errors).extracting(e -> e.get("parameter").asString())
                .containsExactly("filters.postal_code", "filters.postal_code");
        assertThat(errors.get(0).get("message").asString()).contains("telnyx", telnyxConnection);
        assertThat(errors.get(1).get("message").asString()).contains("vonage", vonageConnection);
    }

    @Test
    void anotherUsersConnectionAnswersAsAnUnknownOne() {
        String otherKey = newUser();
        String othersConnection = api().newSandboxConnection(otherKey);
        String unknown = UUID.randomUUID().toString();

        Response others = searchAll("connections", sandboxConnection + "," + othersConnection);
        Response missing = searchAll("connections", sandboxConnection + "," + unknown);
        Response singleOthers = api().get("/v1/numbers/available", params("telephony_provider", "sandbox",
                "telephony_account_connection", othersConnection), key);

        assertThat(others.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(others.json().get("type")).isEqualTo(missing.json().get("type")).isEqualTo(singleOthers.json().get("type"));
        assertThat(others.json().get("detail").asString()).isEqualTo("No account connection " + othersConnection)
                .isEqualTo(singleOthers.json().get("detail").asString());
        assertThat(missing.json().get("detail").asString()).isEqualTo("No account connection " + unknown);
        // and the default (all) never reaches another user's connections
        Response mine = searchAll("limit", "1");
        assertThat(list(mine.json().get("sources"))).extracting(s -> s.get("telephony_account_connection").get("id").asString())
                .doesNotContain(othersConnection);
    }

    @Test
    void refusesBadQueriesNamingEachParameter() {
        String openAi = api().newConnection(key, Map.of("type", "account_connection_openai",
                "credentials", Map.of("openai_api_key", "sk-" + "a".repeat(40))));

        Response bad = searchAll("connections", "not-an-id", "limit", "0", "filters", "{\"sort\": \"cheapest\"}",
                "telephony_provider", "twilio");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(list(bad.json().get("errors"))).extracting(e -> e.get("parameter").asString())
                .containsExactlyInAnyOrder("connections", "limit", "filters.sort", "telephony_provider");

        Response owned = searchAll("filters", "{\"source\": \"account\"}");
        assertThat(owned.status()).isEqualTo(422);
        assertThat(list(owned.json().get("errors"))).extracting(e -> e.get("parameter").asString())
                .containsExactly("filters.source");

        Response repeated = searchAll("connections", sandboxConnection + "," + sandboxConnection);
        assertThat(repeated.status()).isEqualTo(422);

        Response notTelephony = searchAll("connections", openAi);
        assertThat(notTelephony.status()).isEqualTo(422);
        assertThat(notTelephony.json().get("errors").get(0).get("parameter").asString()).isEqualTo("connections");

        // the default leaves the OpenAI connection out
        Response all = searchAll("limit", "1");
        assertThat(all.status()).isEqualTo(200);
        assertThat(list(all.json().get("sources"))).hasSize(4);
    }

    @Test
    void eachConnectionsSearchGoesThroughItsCacheAsTheSingleSearchDoes() {
        String filters = "{\"area_code\": \"415\", \"capabilities\": [\"sms\"]}";
        Response first = searchAll("connections", telnyxConnection, "filters", filters);
        Response second = searchAll("connections", telnyxConnection, "filters", filters.replace("}", ", \"sort\": \"number\"}"));
        Response single = api().get("/v1/numbers/available", params("telephony_provider", "telnyx",
                "telephony_account_connection", telnyxConnection, "filters", filters), key);

        assertThat(List.of(first.status(), second.status(), single.status())).containsOnly(200);
        // one call to Telnyx: the sort is not part of the provider's search, and both endpoints share the cache
        assertThat(telnyx.requests()).hasSize(1);
        // the same numbers; the single search keeps the provider's order (no sort), the search across accounts ranks
        assertThat(list(single.json().get("items"))).extracting(i -> i.get("number").asString())
                .containsExactlyInAnyOrderElementsOf(list(first.json().get("items")).stream()
                        .map(i -> i.get("number").asString()).toList());
    }

    @Test
    void anyItemCanBeBoughtAsIs() {
        Response r = searchAll("connections", telnyxConnection + "," + vonageConnection, "filters", "{\"area_code\": \"415\"}");
        List<String> bought = new ArrayList<>();
        for (JsonNode item : list(r.json().get("items"))) {
            String provider = item.get("telephony_provider").asString();
            if (bought.contains(provider)) {
                continue; // the best of each provider
            }
            Response buy = buy(key, Map.of("phone_number", item.get("number").asString(),
                    "telephony_provider", provider,
                    "telephony_account_connection", item.get("telephony_account_connection").get("id").asString()),
                    UUID.randomUUID().toString());
            assertThat(buy.status()).as("%s", buy).isEqualTo(200);
            assertThat(buy.json().get("number").asString()).isEqualTo(item.get("number").asString());
            bought.add(provider);
        }
        assertThat(bought).containsExactly("vonage", "telnyx");
    }

    @Test
    void theSingleSearchHonoursSortToo() {
        Response sorted = api().get("/v1/numbers/available", params("telephony_provider", "telnyx",
                "telephony_account_connection", telnyxConnection, "filters", "{\"sort\": \"monthly_price\"}"), key);
        assertThat(sorted.status()).as("%s", sorted).isEqualTo(200);
        assertThat(list(sorted.json().get("items"))).extracting(i -> i.get("number").asString())
                .containsExactly("+14155550112", "+14155550111");

        Response bad = api().get("/v1/numbers/available", params("telephony_provider", "sandbox",
                "telephony_account_connection", sandboxConnection, "filters", "{\"sort\": 3}"), key);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").get(0).get("parameter").asString()).isEqualTo("filters.sort");
    }
}
