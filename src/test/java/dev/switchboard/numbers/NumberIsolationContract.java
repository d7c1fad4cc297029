package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The isolation matrix of the numbers calls: for each call and each resource it names (a number, an account
 * connection, an agent), another user's answers exactly as one that does not exist, and nothing of the owner's is
 * read, changed, linked, cancelled or used to buy.
 */
public interface NumberIsolationContract extends NumbersApi {

    /** Alice's world: a bought number, a linked number, a connection and an agent; Bob has his own of each kind. */
    record World(String alice, String aliceConnection, String aliceAgent, String aliceBought, String aliceLinked,
            String bob, String bobConnection, String bobAgent) {}

    private World world() {
        String alice = newUser();
        String aliceConnection = api().newSandboxConnection(alice);
        String aliceAgent = newAgent(alice, "Alice's agent");
        String aliceBought = buy(alice, body("area_code", "415", "telephony_account_connection", aliceConnection,
                "inbound_agent", aliceAgent)).json().get("number").asString();
        String aliceLinked = ownedAtProvider(alice, "sandbox", aliceConnection).stream()
                .filter(n -> !n.equals(aliceBought)).findFirst().orElseThrow();
        assertThat(link(alice, body("phone_number", aliceLinked, "telephony_account_connection", aliceConnection))
                .status()).isEqualTo(200);
        update(alice, aliceBought, body("label", "Alice's line"));
        String bob = newUser();
        return new World(alice, aliceConnection, aliceAgent, aliceBought, aliceLinked, bob,
                api().newSandboxConnection(bob), newAgent(bob, "Bob's agent"));
    }

    /** The problem as the caller sees it, with what necessarily differs (request id, the id or number asked for) masked. */
    private JsonNode shape(Response r, String asked) {
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
        return JSON.readTree(withoutRequestId(r).toString().replace(asked, "<asked>"));
    }

    /** Asking with someone else's value answers exactly as asking with a value nobody has. */
    private void answersAsMissing(Function<String, Response> call, String someoneElses, String nobodys) {
        Response theirs = call.apply(someoneElses);
        Response missing = call.apply(nobodys);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(missing.status()).isIn(404, 422);
        assertThat(shape(theirs, someoneElses)).isEqualTo(shape(missing, nobodys));
    }

    private static String unknownId() {
        return UUID.randomUUID().toString();
    }

    /** An E.164 number nobody holds and no account owns: NANP 555-01xx numbers are fictional. */
    private static String unheldNumber() {
        return "+1202555" + String.format("%04d", 100 + (int) (Math.random() * 99));
    }

    @Test
    default void anotherUsersNumberIsMissingForGetUpdateAndCancel() {
        World w = world();
        JsonNode before = getNumber(w.alice(), w.aliceBought()).json();
        for (String aliceNumber : List.of(w.aliceBought(), w.aliceLinked())) {
            answersAsMissing(n -> getNumber(w.bob(), n), aliceNumber, unheldNumber());
            answersAsMissing(n -> update(w.bob(), n, body("label", "Bob was here", "inbound_agent", w.bobAgent())),
                    aliceNumber, unheldNumber());
            answersAsMissing(n -> cancel(w.bob(), n), aliceNumber, unheldNumber());
        }
        assertThat(listedNumbers(w.bob())).isEmpty();
        assertThat(getNumber(w.alice(), w.aliceBought()).json()).isEqualTo(before);
        assertThat(listedNumbers(w.alice())).containsExactlyInAnyOrder(w.aliceBought(), w.aliceLinked());
        assertThat(ownedAtProvider(w.alice(), "sandbox", w.aliceConnection())).contains(w.aliceBought(), w.aliceLinked());
    }

    @Test
    default void anotherUsersConnectionIsMissingForTheSearchAcrossAccounts() {
        World w = world();
        answersAsMissing(c -> api().get("/v1/numbers/available/all?connections=" + w.bobConnection() + "," + c, w.bob()),
                w.aliceConnection(), unknownId());
        // Bob's default search asks his connection only
        Response bobs = api().get("/v1/numbers/available/all?limit=1", w.bob());
        assertThat(bobs.status()).as(bobs.toString()).isEqualTo(200);
        assertThat(bobs.json().get("sources")).singleElement().satisfies(source ->
                assertThat(source.at("/telephony_account_connection/id").asString()).isEqualTo(w.bobConnection()));
    }

    @Test
    default void anotherUsersConnectionIsMissingForBuyAndLink() {
        World w = world();
        List<String> aliceOwnedBefore = ownedAtProvider(w.alice(), "sandbox", w.aliceConnection());
        String onSale = onSale(w.bob(), w.bobConnection(), "{\"area_code\":\"212\"}").getFirst();
        answersAsMissing(c -> buy(w.bob(), body("phone_number", onSale, "telephony_account_connection", c)),
                w.aliceConnection(), unknownId());
        answersAsMissing(c -> buy(w.bob(), body("area_code", "212", "telephony_account_connection", c)),
                w.aliceConnection(), unknownId());
        answersAsMissing(c -> buy(w.bob(), body("area_code", "212", "telephony_provider", "sandbox",
                "telephony_account_connection", c), UUID.randomUUID().toString()), w.aliceConnection(), unknownId());
        // even a number Alice's account owns and has not linked cannot be linked through her connection
        String aliceUnlinked = aliceOwnedBefore.stream().filter(n -> !n.equals(w.aliceLinked()) && !n.equals(w.aliceBought()))
                .findFirst().orElseThrow();
        answersAsMissing(c -> link(w.bob(), body("phone_number", aliceUnlinked, "telephony_account_connection", c)),
                w.aliceConnection(), unknownId());
        assertThat(listedNumbers(w.bob())).isEmpty();
        assertThat(ownedAtProvider(w.alice(), "sandbox", w.aliceConnection())).containsExactlyInAnyOrderElementsOf(aliceOwnedBefore);
        assertThat(listedNumbers(w.alice())).containsExactlyInAnyOrder(w.aliceBought(), w.aliceLinked());
    }

    @Test
    default void anotherUsersAgentIsMissingForBuyLinkAndUpdate() {
        World w = world();
        String bobNumber = buy(w.bob(), body("area_code", "303", "telephony_account_connection", w.bobConnection()))
                .json().get("number").asString();
        answersAsMissing(a -> update(w.bob(), bobNumber, body("inbound_agent", a)), w.aliceAgent(), unknownId());
        answersAsMissing(a -> buy(w.bob(), body("area_code", "303", "telephony_account_connection", w.bobConnection(),
                "inbound_agent", a)), w.aliceAgent(), unknownId());
        String bobOwned = ownedAtProvider(w.bob(), "sandbox", w.bobConnection()).getFirst();
        answersAsMissing(a -> link(w.bob(), body("phone_number", bobOwned, "telephony_account_connection",
                w.bobConnection(), "inbound_agent", a)), w.aliceAgent(), unknownId());
        assertThat(getNumber(w.bob(), bobNumber).json().get("inbound_agent").isNull()).isTrue();
        assertThat(listedNumbers(w.bob())).containsExactly(bobNumber);
    }

    @Test
    default void anotherUsersNumberCannotBeBoughtOrLinkedAway() {
        World w = world();
        // Alice's number, asked for by Bob on his own account, is simply not on sale, as for any number sold
        Response buyHers = buy(w.bob(), body("phone_number", w.aliceBought(), "telephony_account_connection", w.bobConnection()));
        assertProblem(buyHers, 409, "number-not-on-sale", null);
        Response linkHers = link(w.bob(), body("phone_number", w.aliceLinked(), "telephony_account_connection", w.bobConnection()));
        Response linkNobodys = link(w.bob(), body("phone_number", unheldNumber(), "telephony_account_connection", w.bobConnection()));
        assertThat(linkHers.status()).isEqualTo(linkNobodys.status()).isEqualTo(422);
        assertThat(listedNumbers(w.bob())).isEmpty();
        assertThat(listedNumbers(w.alice())).containsExactlyInAnyOrder(w.aliceBought(), w.aliceLinked());
        JsonNode aliceNumber = getNumber(w.alice(), w.aliceBought()).json();
        assertThat(aliceNumber.get("label").asString()).isEqualTo("Alice's line");
        assertThat(aliceNumber.get("inbound_agent").get("id").asString()).isEqualTo(w.aliceAgent());
    }

    @Test
    default void listShowsOnlyTheCallersNumbers() {
        World w = world();
        Response bobs = list(w.bob(), "sort_column=phone_number");
        assertThat(bobs.json().get("total").asLong()).isZero();
        assertThat(bobs.json().get("items")).isEmpty();
        Response alices = list(w.alice(), "");
        assertThat(alices.json().get("total").asLong()).isEqualTo(2);
        alices.json().get("items").forEach(item -> {
            assertThat(item.get("user_id")).isEqualTo(alices.json().get("items").get(0).get("user_id"));
            assertThat(item.get("telephony_account_connection").asString()).isEqualTo(w.aliceConnection()); // by id in a list
        });
    }

    @Test
    default void anotherUsersIdempotencyKeyIsNotTheirs() {
        World w = world();
        String idem = UUID.randomUUID().toString();
        Map<String, Object> request = body("area_code", "415", "telephony_account_connection", w.aliceConnection());
        assertThat(buy(w.alice(), request, idem).status()).isEqualTo(200);
        // Bob replaying Alice's exact request and key gets no replay of her answer: her connection is not his
        Response bobs = buy(w.bob(), request, idem);
        assertProblem(bobs, 422, "validation-failed", "telephony_account_connection");
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
        assertThat(bobs.body()).doesNotContain(w.aliceBought());
    }
}
