package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.twilio.TwilioEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Routing end to end (issue 17) on the Twilio emulator, with {@code switchboard.routing.voice-url} set: buying a
 * number with an agent points it at the voice URL at Twilio, changing the agent re-points it, cancelling releases it
 * (a bought number) or restores where it pointed before (a linked one); a re-point behind Switchboard's back is found
 * as drifted within one check period and reroute puts it back; a Twilio 5xx while routing leaves the number recorded,
 * its routing pending, and the reconciler completes it. The implementing classes run it on the embedded database and
 * on PostgreSQL with the properties below (a voice URL, a 1 s drift period, quick retries), each in a context of its
 * own that is closed after it (its fast jobs must not outlive it), on a database of its own (the other tests' jobs
 * must not hold its jobs' locks, nor claim its routings).
 */
@TestPropertySource(properties = {
    "switchboard.routing.voice-url=" + NumberRoutingContract.VOICE_URL,
    "switchboard.routing.drift-check-period=1s",
    "switchboard.routing.retry.interval=200ms",
    "switchboard.routing.retry.first-delay=200ms",
    "switchboard.routing.retry.max-attempts=5",
    // one attempt per call, so one injected 5xx fails one routing attempt
    "switchboard.providers.retry.max-attempts=1",
    // the breaker would open after the injected failures and delay the reconciler; not what is tested here
    "switchboard.providers.circuit-breaker.window-size=1000",
    "switchboard.providers.circuit-breaker.minimum-calls=1000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public interface NumberRoutingContract extends NumbersApi {

    String VOICE_URL = "https://voice.example.com/inbound/{agent_id}?to={number}";
    Duration DRIFT_PERIOD = Duration.ofSeconds(1);

    String SID = TwilioEmulator.sidFor("AC", "number-routing");
    String TOKEN = "00112233445566778899aabbccddeeff";

    TwilioEmulator twilioEmulator();

    /** A fresh user, Twilio connection and agent for each test: key, connection id, agent id. */
    final class Fixture {
        String key;
        String connection;
        String agent;
        String onSale;
        String owned;
    }

    Fixture fixture();

    private static String unique(String areaCode) {
        return "+1" + areaCode + (2_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(7_000_000));
    }

    @BeforeEach
    default void twilioAccountWithAnAgent() {
        Fixture f = fixture();
        f.onSale = unique("415");
        f.owned = unique("628");
        twilioEmulator().reset();
        twilioEmulator().registerAccount(SID, TOKEN)
                .addInventory(TwilioEmulator.InventoryNumber.of(f.onSale, "US", NumberType.LOCAL)
                        .in("CA", "San Francisco", "94105"))
                .addOwned(SID, TwilioEmulator.OwnedNumber.of(f.owned, NumberType.LOCAL));
        f.key = newUser();
        f.connection = api().newConnection(f.key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN)));
        f.agent = newAgent(f.key, "Front desk");
    }

    /** Cancels what the test left, so no routed number outlives it (the drift check would keep reading it). */
    @AfterEach
    default void cancelWhatIsLeft() {
        twilioEmulator().clearFaults();
        for (String number : listedNumbers(fixture().key)) {
            cancel(fixture().key, number);
        }
        twilioEmulator().assertConformant();
    }

    private String expected(String agent, String number) {
        return VOICE_URL.replace("{agent_id}", agent).replace("{number}", number.replace("+", "%2B"));
    }

    private Response buyWithAgent(String agent) {
        Fixture f = fixture();
        return buy(f.key, body("phone_number", f.onSale, "telephony_account_connection", f.connection,
                "inbound_agent", agent), UUID.randomUUID().toString());
    }

    private String voiceUrlAtTwilio(String number) {
        return twilioEmulator().routing(SID, number).orElseThrow().voiceUrl();
    }

    /** The number as GET answers it, once it satisfies the condition; fails after the timeout. */
    private JsonNode await(String number, Duration timeout, Predicate<JsonNode> condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Response r = getNumber(fixture().key, number);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            if (condition.test(r.json())) {
                return r.json();
            }
            assertThat(System.nanoTime()).as("waited %s for %s; last %s", timeout, number, r.body()).isLessThan(end);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String status(JsonNode number) {
        return number.get("routing").get("status").asString();
    }

    @Test
    default void buyingWithAnAgentPointsTheNumberAtTheVoiceUrlChangingTheAgentRepointsItCancelReleasesIt() {
        Fixture f = fixture();
        Response bought = buyWithAgent(f.agent);
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        JsonNode routing = bought.json().get("routing");
        assertThat(routing.get("status").asString()).isEqualTo("ok");
        assertThat(routing.get("target").get("voice_url").asString()).isEqualTo(expected(f.agent, f.onSale));
        assertThat(routing.get("checked_at").isString()).isTrue();
        assertThat(routing.get("detail").isNull()).isTrue();
        assertThat(voiceUrlAtTwilio(f.onSale)).isEqualTo(expected(f.agent, f.onSale));
        assertThat(twilioEmulator().routing(SID, f.onSale).orElseThrow().voiceMethod()).isEqualTo("POST");
        // the seed's fields stay as they were, routing beside them
        assertThat(bought.json().get("inbound_agent").get("id").asString()).isEqualTo(f.agent);
        assertThat(bought.json().get("provider_details").get("country").asString()).isEqualTo("US");

        String other = newAgent(f.key, "Night desk");
        Response updated = update(f.key, f.onSale, body("inbound_agent", other));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("routing").get("target").get("voice_url").asString())
                .isEqualTo(expected(other, f.onSale));
        assertThat(voiceUrlAtTwilio(f.onSale)).isEqualTo(expected(other, f.onSale));

        int posts = twilioEmulator().requestCount("POST");
        Response relabelled = update(f.key, f.onSale, body("label", "Main line"));
        assertThat(relabelled.json().get("routing").get("status").asString()).isEqualTo("ok");
        assertThat(twilioEmulator().requestCount("POST")).as("a change that is not the agent routes nothing").isEqualTo(posts);

        Response cancelled = cancel(f.key, f.onSale);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(twilioEmulator().routing(SID, f.onSale)).as("released at Twilio").isEmpty();
    }

    @Test
    default void aNumberWithoutAnAgentIsPointedNowhereNew() {
        Fixture f = fixture();
        Response bought = buy(f.key, body("phone_number", f.onSale, "telephony_account_connection", f.connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().get("routing").get("status").asString()).isEqualTo("ok");
        assertThat(bought.json().get("routing").get("target").isNull()).isTrue();
        assertThat(bought.json().get("routing").get("detail").asString()).contains("no inbound agent");
        assertThat(voiceUrlAtTwilio(f.onSale)).isNull();
        assertThat(twilioEmulator().requests()).noneMatch(r -> r.method().equals("POST") && r.path().contains("/PN"));
    }

    @Test
    default void linkingRecordsWhereTheNumberPointedAndCancellingRestoresIt() {
        Fixture f = fixture();
        twilioEmulator().repoint(SID, f.owned, "https://before.example.com/voice");
        Response linked = link(f.key, body("phone_number", f.owned, "telephony_account_connection", f.connection,
                "inbound_agent", f.agent));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(status(linked.json())).isEqualTo("ok");
        assertThat(voiceUrlAtTwilio(f.owned)).isEqualTo(expected(f.agent, f.owned));

        // clearing the agent points it nowhere new: it still points where Switchboard set it, and says so
        Response agentless = update(f.key, f.owned, body("inbound_agent", null));
        assertThat(agentless.status()).as(agentless.toString()).isEqualTo(200);
        assertThat(agentless.json().get("routing").get("target").get("voice_url").asString())
                .isEqualTo(expected(f.agent, f.owned));
        assertThat(voiceUrlAtTwilio(f.owned)).isEqualTo(expected(f.agent, f.owned));

        Response cancelled = cancel(f.key, f.owned);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(voiceUrlAtTwilio(f.owned)).as("restored, and still the account's")
                .isEqualTo("https://before.example.com/voice");
    }

    @Test
    default void aRepointBehindSwitchboardsBackIsFoundWithinOneCheckPeriodAndRerouteFixesIt() {
        Fixture f = fixture();
        assertThat(buyWithAgent(f.agent).status()).isEqualTo(200);
        twilioEmulator().repoint(SID, f.onSale, "https://elsewhere.example.com/voice");
        long start = System.nanoTime();
        JsonNode drifted = await(f.onSale, DRIFT_PERIOD.multipliedBy(4), n -> status(n).equals("drifted"));
        Duration found = Duration.ofNanos(System.nanoTime() - start);
        // one period, plus the run's own reading and the machine's scheduling
        assertThat(found).isLessThanOrEqualTo(DRIFT_PERIOD.plusMillis(1500));
        assertThat(drifted.get("routing").get("detail").asString()).contains("elsewhere.example.com")
                .contains("reroute");
        assertThat(drifted.get("active").asBoolean()).isTrue();

        Response rerouted = api().post("/v1/numbers/reroute?phone_number=" + enc(f.onSale), f.key, "");
        assertThat(rerouted.status()).as(rerouted.toString()).isEqualTo(200);
        assertThat(status(rerouted.json())).isEqualTo("ok");
        assertThat(voiceUrlAtTwilio(f.onSale)).isEqualTo(expected(f.agent, f.onSale));

        twilioEmulator().releaseBehindSwitchboard(SID, f.onSale);
        JsonNode gone = await(f.onSale, DRIFT_PERIOD.multipliedBy(4),
                n -> status(n).equals("released_externally"));
        assertThat(gone.get("active").asBoolean()).as("released externally: %s", gone).isFalse();
        assertProblem(api().post("/v1/numbers/reroute?phone_number=" + enc(f.onSale), f.key, ""), 422,
                "validation-failed", "phone_number");
    }

    @Test
    default void aTwilio5xxWhileRoutingLeavesThePurchasePendingAndTheReconcilerCompletesIt() {
        Fixture f = fixture();
        // the purchase goes through; the routing call after it gets Twilio's 503
        twilioEmulator().injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
        twilioEmulator().injectNext(TwilioEmulator.Fault.twilioError(503, 20503, "Service Unavailable"));
        Response bought = buyWithAgent(f.agent);
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(status(bought.json())).isEqualTo("pending");
        assertThat(bought.json().get("routing").get("detail").asString()).contains("attempt 1 failed");
        assertThat(listedNumbers(f.key)).as("the purchase is kept").containsExactly(f.onSale);

        JsonNode settled = await(f.onSale, Duration.ofSeconds(10), n -> status(n).equals("ok"));
        assertThat(settled.get("routing").get("target").get("voice_url").asString())
                .isEqualTo(expected(f.agent, f.onSale));
        assertThat(voiceUrlAtTwilio(f.onSale)).isEqualTo(expected(f.agent, f.onSale));
    }

    @Test
    default void routingThatKeepsFailingEndsFailed() {
        Fixture f = fixture();
        twilioEmulator().injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
        Response bought;
        twilioEmulator().inject(TwilioEmulator.Fault.twilioError(503, 20503, "Service Unavailable"));
        bought = buyWithAgentAfterOnePassingCall(f);
        assertThat(status(bought.json())).isEqualTo("pending");
        JsonNode failed = await(f.onSale, Duration.ofSeconds(15), n -> status(n).equals("failed"));
        assertThat(failed.get("routing").get("detail").asString()).contains("gave up after 5 attempts");
        twilioEmulator().clearFaults();
        Response rerouted = api().post("/v1/numbers/reroute?phone_number=" + enc(f.onSale), f.key, "");
        assertThat(status(rerouted.json())).isEqualTo("ok");
    }

    private Response buyWithAgentAfterOnePassingCall(Fixture f) {
        Response bought = buyWithAgent(f.agent);
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        return bought;
    }

    @Test
    default void rerouteAnswersProblemsAsTheRestOfTheApi() {
        Fixture f = fixture();
        assertProblem(api().post("/v1/numbers/reroute?phone_number=" + enc("+14155550100"), f.key, ""), 404,
                "not-found", null);
        assertProblem(api().post("/v1/numbers/reroute?phone_number=12", f.key, ""), 422, "validation-failed",
                "phone_number");
    }

    @Test
    default void badRoutingConfigOnAConnectionIsA422NamingTheField() {
        Fixture f = fixture();
        Response r = api().post("/v1/account_connections/create", f.key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN),
                "config", Map.of("voice_url", "ftp://voice.example.com/{agent}")));
        assertProblem(r, 422, "validation-failed", "config.voice_url");
        Response vonage = api().post("/v1/account_connections/create", f.key, Map.of(
                "type", "account_connection_vonage",
                "credentials", Map.of("vonage_api_key", "abcd1234", "vonage_api_secret", "secret"),
                "config", Map.of("app_id", "not-an-application")));
        assertProblem(vonage, 422, "validation-failed", "config.app_id");
    }

    @Test
    default void aConnectionsConfigOverridesTheServersVoiceUrl() {
        Fixture f = fixture();
        String own = api().newConnection(f.key, Map.of("type", "account_connection_twilio",
                "credentials", Map.of("twilio_account_sid", SID, "twilio_auth_token", TOKEN),
                "config", Map.of("voice_url", "https://engine.example.org/calls/{number_id}")));
        Response bought = buy(f.key, body("phone_number", f.onSale, "telephony_account_connection", own,
                "inbound_agent", f.agent));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        String id = bought.json().get("id").asString();
        assertThat(voiceUrlAtTwilio(f.onSale)).isEqualTo("https://engine.example.org/calls/" + id);
    }

    @Test
    default void theSandboxRecordsRoutingSoTheFlowWorksWithoutAnAccount() {
        Fixture f = fixture();
        String sandbox = api().newConnection(f.key, Map.of("type", "account_connection_sandbox"));
        List<String> available = onSale(f.key, sandbox, "{\"area_code\":\"415\"}");
        Response bought = buy(f.key, body("phone_number", available.getFirst(), "telephony_account_connection",
                sandbox, "inbound_agent", f.agent));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(status(bought.json())).isEqualTo("ok");
        assertThat(bought.json().get("routing").get("target").get("voice_url").asString())
                .isEqualTo(expected(f.agent, available.getFirst()));
        Response rerouted = api().post("/v1/numbers/reroute?phone_number=" + enc(available.getFirst()), f.key, "");
        assertThat(status(rerouted.json())).isEqualTo("ok");
    }
}
