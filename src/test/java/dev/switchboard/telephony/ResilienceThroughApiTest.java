package dev.switchboard.telephony;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import dev.switchboard.telephony.twilio.TwilioEmulator.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The provider wrapper seen through {@code GET /v1/numbers/available} on Twilio connections against the Twilio
 * emulator: each provider failure of API.md's table, retries counted at the emulator, the deadline, the circuit
 * breaker, and the cache. Every test uses fresh connections, so no breaker or cache entry outlives it.
 * (The API tests run with {@code switchboard.providers.timeout=2s} and the default retry and breaker settings:
 * 3 attempts; the breaker opens once 5 calls were made and half of them failed.)
 */
class ResilienceThroughApiTest extends OnEmbeddedDatabase {

    private static final String SID = TwilioEmulator.sidFor("AC", "resilience");
    private static final String TOKEN = "fedcba9876543210fedcba9876543210";
    private static final int ATTEMPTS = 3;

    private final TwilioEmulator twilio = twilio();

    @Autowired
    private TelephonyProviders providers;

    private String key;
    private String connection;

    @BeforeEach
    void twilioAccount() {
        twilio.reset();
        twilio.registerAccount(SID, TOKEN).withSampleInventory();
        key = newUser();
        connection = newConnection(key, SID, TOKEN);
    }

    @AfterEach
    void wireStaysConformant() {
        twilio.clearFaults();
        twilio.assertConformant();
    }

    private String newConnection(String user, String sid, String token) {
        return api().newConnection(user, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", sid, "twilio_auth_token", token)));
    }

    private Response search(String user, String connectionId, String filters) {
        return api().get("/v1/numbers/available", params("telephony_provider", "twilio",
                "telephony_account_connection", connectionId, "filters", filters), user);
    }

    private Response search() {
        return search(key, connection, "{\"area_code\":\"415\"}");
    }

    private Response searchOwned() {
        return search(key, connection, "{\"source\":\"account\"}");
    }

    // ------------------------------------------------------------------------------------- API.md's fault table

    @Test
    void rejectedCredentialsAre422AndNotRetried() {
        String wrong = newConnection(key, SID, "00000000000000000000000000000000");
        Response r = search(key, wrong, "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-credentials-rejected");
        assertThat(r.body()).doesNotContain("00000000000000000000000000000000");
        assertThat(twilio.requestCount()).isEqualTo(1);
    }

    @Test
    void aRateLimitIs503WithTheProvidersRetryAfterAndNotRetriedWhenItOutlastsTheDeadline() {
        twilio.inject(Fault.twilioError(429, 20429, "Too Many Requests", Map.of("Retry-After", "7")));
        Response r = search();
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-rate-limited");
        assertThat(twilio.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedThen502() {
        twilio.inject(Fault.twilioError(500, 20500, "Internal Server Error"));
        Response r = search();
        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
        assertThat(r.json().get("provider_code").asString()).isEqualTo("20500");
        assertThat(twilio.requestCount()).isEqualTo(ATTEMPTS);
    }

    @Test
    void aServerErrorThatClearsUpIsRetriedInto200() {
        twilio.injectNext(Fault.htmlPage(503));
        twilio.injectNext(Fault.twilioError(500, 20500, "Internal Server Error"));
        Response r = searchOwned();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(twilio.requestCount()).isEqualTo(3);
    }

    @Test
    void resetConnectionsAreRetriedThen502() {
        for (EmulatedFault fault : List.of(new EmulatedFault.DropConnection(), new EmulatedFault.CloseMidBody())) {
            twilio.reset();
            twilio.registerAccount(SID, TOKEN).withSampleInventory();
            connection = newConnection(key, SID, TOKEN);
            twilio.inject(fault);
            Response r = search();
            assertThat(r.status()).as("%s: %s", fault, r).isEqualTo(502);
            assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-unavailable");
            assertThat(r.json().get("provider").asString()).isEqualTo("twilio");
            // Java's HTTP client itself sends a GET once more when the connection closes before any answer, so a
            // dropped connection may reach Twilio twice per attempt.
            assertThat(twilio.requestCount()).as("%s", fault)
                    .isIn(ATTEMPTS, fault instanceof EmulatedFault.DropConnection ? 2 * ATTEMPTS : ATTEMPTS);
        }
    }

    @Test
    void aMalformedBodyIs502() {
        twilio.inject(Fault.malformedJson());
        Response r = search();
        assertThat(r.status()).as(r.toString()).isEqualTo(502);
        assertThat(r.json().get("detail").asString()).contains("could not be read");
    }

    @Test
    void noAnswerWithinTheDeadlineIs504WithinTheDeadlineAndIsNotRetried() {
        twilio.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Response r = search();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as(r.toString()).isEqualTo(504);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-timeout");
        assertThat(elapsedMs).isBetween(2_000L, 2_000L + 1_000L);
        assertThat(twilio.requestCount()).isEqualTo(1);
    }

    @Test
    void aBodyThatStallsPastTheDeadlineIs504Too() {
        twilio.inject(new EmulatedFault.StallMidBody(Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Response r = searchOwned();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as(r.toString()).isEqualTo(504);
        assertThat(elapsedMs).isLessThan(2_000L + 1_000L);
    }

    @Test
    void repeatedFailuresOpenTheConnectionsCircuitWhichAnswers503WithRetryAfterWithoutCallingTwilio() {
        twilio.inject(Fault.twilioError(500, 20500, "Internal Server Error"));
        assertThat(searchOwned().status()).isEqualTo(502);
        // Attempts 4 and 5 fail too: half of 5 calls failed, the breaker opens and refuses the third attempt.
        Response opening = searchOwned();
        assertThat(opening.status()).as(opening.toString()).isEqualTo(503);
        int calls = twilio.requestCount();
        assertThat(calls).isEqualTo(5);

        twilio.clearFaults(); // Twilio is back, but the breaker has not looked yet
        for (Response r : List.of(search(), searchOwned())) {
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:provider-circuit-open");
            assertThat(r.json().get("provider").asString()).isEqualTo("twilio");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 30L);
        }
        assertThat(twilio.requestCount()).as("no call reaches Twilio while the circuit is open").isEqualTo(calls);

        // Another connection of the same user, to the same Twilio account, has its own breaker.
        Response other = search(key, newConnection(key, SID, TOKEN), "{\"area_code\":\"415\"}");
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------- cache

    @Test
    void aSearchRepeatedWithinTheTtlIsAnsweredFromTheCacheButOwnedNumbersNever() {
        assertThat(search().status()).isEqualTo(200);
        assertThat(search().status()).isEqualTo(200);
        assertThat(twilio.requestCount()).isEqualTo(1);
        assertThat(searchOwned().status()).isEqualTo(200);
        assertThat(searchOwned().status()).isEqualTo(200);
        assertThat(twilio.requestCount()).isEqualTo(3);
    }

    @Test
    void cachedSearchesNeverCrossConnectionsOrUsers() {
        String otherUser = newUser();
        String othersConnection = newConnection(otherUser, SID, TOKEN); // the very same Twilio account
        String secondConnection = newConnection(key, SID, TOKEN);

        assertThat(search().status()).isEqualTo(200);
        assertThat(search(otherUser, othersConnection, "{\"area_code\":\"415\"}").status()).isEqualTo(200);
        assertThat(search(key, secondConnection, "{\"area_code\":\"415\"}").status()).isEqualTo(200);
        assertThat(twilio.requestCount()).isEqualTo(3);

        // Each connection's answer is its own: it names that connection.
        Response theirs = search(otherUser, othersConnection, "{\"area_code\":\"415\"}");
        assertThat(theirs.json().get("items").get(0).get("telephony_account_connection").get("id").asString())
                .isEqualTo(othersConnection);
        assertThat(twilio.requestCount()).isEqualTo(3);
        // Another user can never reach this connection's entry, cached or not.
        assertThat(search(otherUser, connection, "{\"area_code\":\"415\"}").status()).isEqualTo(404);
    }

    @Test
    void aNumberBoughtThroughSwitchboardLeavesCachedSearchesAtOnce() {
        String otherUser = newUser();
        String otherConnection = newConnection(otherUser, SID, TOKEN);
        assertThat(numbers(search())).contains("+14155550123", "+14155552255");
        assertThat(numbers(search(otherUser, otherConnection, "{\"area_code\":\"415\"}"))).contains("+14155550123");
        assertThat(numbers(search())).contains("+14155550123");
        assertThat(twilio.requestCount()).isEqualTo(2);

        // Bought through the wrapper every feature gets from TelephonyProviders, as POST /v1/numbers/buy will.
        TelephonyProvider wrapped = providers.find(TelephonyProviderName.TWILIO).orElseThrow();
        wrapped.buy(new ProviderAccount(UUID.fromString(connection), new ProviderCredentials.Twilio(SID, TOKEN)),
                "+14155550123");
        assertThat(twilio.requestCount()).isEqualTo(3);

        assertThat(numbers(search())).doesNotContain("+14155550123").contains("+14155552255");
        assertThat(numbers(search(otherUser, otherConnection, "{\"area_code\":\"415\"}")))
                .doesNotContain("+14155550123");
        assertThat(twilio.requestCount()).as("both connections' searches were asked afresh").isEqualTo(5);
    }

    private static List<String> numbers(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().get("items").forEach(item -> numbers.add(item.get("number").asString()));
        return numbers;
    }

    @Test
    void updatingAConnectionsCredentialsNeverServesTheOldOnesResults() {
        assertThat(search().status()).isEqualTo(200);
        String rotated = "0123456789abcdef0123456789abcdef";
        twilio.registerAccount(SID, rotated); // Twilio now takes only the new token
        Response update = api().post("/v1/account_connections/update?id=" + connection, key,
                Map.of("credentials", Map.of("twilio_auth_token", rotated)));
        assertThat(update.status()).as(update.toString()).isEqualTo(200);

        assertThat(search().status()).isEqualTo(200);
        assertThat(twilio.requestCount()).isEqualTo(2);
        assertThat(twilio.requests().getLast().basicAuthUser()).isEqualTo(SID);
    }
}
