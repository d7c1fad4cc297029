package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The numbers a user holds, over HTTP on the sandbox: buy (by number and by area code), link, list, get, update,
 * cancel; the seed's item shape; every bad input.
 */
public interface NumberLifecycleContract extends NumbersApi {

    private JsonNode seedItem() {
        try (InputStream in = getClass().getResourceAsStream("/seed/available-numbers-example.json")) {
            return JSON.readTree(in).get("items").get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    default void searchBuyUpdateListCancelOnTheSandbox() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String agent = newAgent(key, "Front desk");
        String number = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();

        Response bought = buy(key, body("phone_number", number, "telephony_provider", "sandbox",
                "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        JsonNode item = bought.json();
        assertThat(item.propertyNames()).containsSubsequence(seedItem().propertyNames().stream().toList())
                .contains("provider_details");
        assertThat(item.get("number").asString()).isEqualTo(number);
        assertThat(item.get("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(item.get("active").asBoolean()).isTrue();
        assertThat(item.get("telephony_provider").asString()).isEqualTo("sandbox");
        assertThat(item.get("telephony_account_connection").get("id").asString()).isEqualTo(connection);
        assertThat(item.get("inbound_agent").isNull()).isTrue();
        assertThat(item.get("inbound_agent_name").isNull()).isTrue();
        assertThat(item.get("example_context").isObject()).isTrue();
        assertThat(item.get("provider_details").get("sandbox").asBoolean()).isTrue();
        assertThat(item.get("provider_details").get("locality").isString()).isTrue();
        assertThat(ownedAtProvider(key, "sandbox", connection)).contains(number);
        assertThat(onSale(key, connection, "{\"area_code\":\"415\"}")).doesNotContain(number);

        Response updated = update(key, number, body("label", "Support line", "inbound_agent", agent,
                "outbound_only", true, "example_context", Map.of("customer", "Ada"), "description", "Main line"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("label").asString()).isEqualTo("Support line");
        assertThat(updated.json().get("inbound_agent").get("id").asString()).isEqualTo(agent);
        assertThat(updated.json().get("inbound_agent").propertyNames())
                .containsAll(seedItem().get("inbound_agent").propertyNames());
        assertThat(updated.json().get("inbound_agent_name").asString()).isEqualTo("Front desk");
        assertThat(updated.json().get("outbound_only").asBoolean()).isTrue();
        assertThat(updated.json().get("example_context").get("customer").asString()).isEqualTo("Ada");
        assertThat(updated.json().get("description").asString()).isEqualTo("Main line");

        Response listed = list(key, "");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().propertyNames()).contains("items", "total", "page", "size", "has_more", "total_is_estimated");
        assertThat(listed.json().get("total").asLong()).isEqualTo(1);
        // the list names the agent and the connection by id (the SDK's NormalizedPhoneNumber), the rest as get
        assertThat(listed.json().get("items").get(0)).isEqualTo(listed(updated.json()));
        assertThat(getNumber(key, number).json()).isEqualTo(updated.json());

        Response cancelled = cancel(key, number);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("number").asString()).isEqualTo(number);
        assertThat(cancelled.json().get("active").asBoolean()).isFalse();
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(getNumber(key, number).status()).isEqualTo(404);
        assertThat(ownedAtProvider(key, "sandbox", connection)).doesNotContain(number);
    }

    @Test
    default void buysTheFirstNumberOnSaleInAnAreaCodeWithoutNamingTheProvider() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        List<String> offered = onSale(key, connection, "{\"area_code\":\"212\"}");
        Response bought = buy(key, body("area_code", "212", "telephony_account_connection", connection));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        String number = bought.json().get("number").asString();
        assertThat(number).startsWith("+1212").isEqualTo(offered.getFirst());
        assertThat(bought.json().get("telephony_provider").asString()).isEqualTo("sandbox");
        assertThat(jdbc().sql("SELECT phone_number, state FROM number_purchases WHERE phone_number = :n "
                        + "AND account_connection_id = :c")
                .param("n", number).param("c", UUID.fromString(connection)).query().listOfRows())
                .containsExactly(Map.of("phone_number", number, "state", "bought"));
        assertThat(ownedAtProvider(key, "sandbox", connection)).contains(number);
    }

    @Test
    default void aNumberNotOnSaleIsAConflictNamingIt() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst(); // owned already: not on sale
        Response r = buy(key, body("phone_number", owned, "telephony_account_connection", connection));
        assertProblem(r, 409, "number-not-on-sale", null);
        assertThat(r.json().get("detail").asString()).contains(owned);
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(jdbc().sql("SELECT state FROM number_purchases WHERE phone_number = :n AND state <> 'failed'")
                .param("n", owned).query().listOfRows()).isEmpty();
    }

    @Test
    default void theSameNumberCannotBeBoughtTwice() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = onSale(key, connection, "{\"area_code\":\"303\"}").getFirst();
        assertThat(buy(key, body("phone_number", number, "telephony_account_connection", connection)).status()).isEqualTo(200);
        Response again = buy(key, body("phone_number", number, "telephony_account_connection", connection));
        assertProblem(again, 409, "conflict", null);
        assertThat(listedNumbers(key)).containsExactly(number);
    }

    @Test
    default void buyNamesEveryBadField() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        assertProblem(buy(key, body("telephony_account_connection", connection)), 422, "validation-failed", "phone_number");
        assertProblem(buy(key, body("phone_number", "+14155550100", "area_code", "415",
                "telephony_account_connection", connection)), 422, "validation-failed", "phone_number");
        Response bad = buy(key, body("phone_number", "4155550100", "telephony_provider", "fax",
                "telephony_account_connection", "nope", "inbound_agent", "also-nope"));
        assertProblem(bad, 422, "validation-failed", "phone_number");
        assertProblem(bad, 422, "validation-failed", "telephony_provider");
        assertProblem(bad, 422, "validation-failed", "telephony_account_connection");
        assertProblem(bad, 422, "validation-failed", "inbound_agent");
        assertProblem(buy(key, body("area_code", "041", "telephony_account_connection", connection)),
                422, "validation-failed", "area_code");
        assertProblem(buy(key, body("area_code", "415", "telephony_account_connection", connection, "colour", "red")),
                422, "validation-failed", "colour");
        assertProblem(buy(key, body("area_code", "415", "telephony_provider", "twilio",
                "telephony_account_connection", connection)), 422, "validation-failed", "telephony_provider");
        assertProblem(buy(key, body("area_code", "415", "telephony_account_connection", UUID.randomUUID().toString())),
                422, "validation-failed", "telephony_account_connection");
        assertProblem(buy(key, body("area_code", "415", "telephony_account_connection", connection,
                "inbound_agent", UUID.randomUUID().toString())), 422, "validation-failed", "inbound_agent");
        Response notJson = api().post("/v1/numbers/buy", key, "{not json");
        assertProblem(notJson, 422, "validation-failed", "body");
        assertThat(listedNumbers(key)).isEmpty();
    }

    @Test
    default void buyingWithAnAgentAnswersWithItExpanded() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String agent = newAgent(key, "Night shift");
        Response bought = buy(key, body("area_code", "617", "telephony_account_connection", connection,
                "inbound_agent", agent));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        assertThat(bought.json().get("inbound_agent").get("id").asString()).isEqualTo(agent);
        assertThat(bought.json().get("inbound_agent_name").asString()).isEqualTo("Night shift");
    }

    /** The ids of the user's agents, as {@code GET /v1/agents/list} answers them. */
    private List<String> agentIds(String key) {
        Response r = api().get("/v1/agents/list?size=100", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(a -> ids.add(a.get("id").asString()));
        return ids;
    }

    @Test
    default void buyingWithAnInlineAgentCreatesItAndAnswersWithItExpanded() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response bought = buy(key, body("area_code", "617", "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge", "model", "gpt-4o", "initial_message", "Hello")));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        JsonNode agent = bought.json().get("inbound_agent");
        assertThat(agent.get("name").asString()).isEqualTo("Concierge");
        assertThat(agent.get("initial_message").asString()).isEqualTo("Hello");
        assertThat(bought.json().get("inbound_agent_name").asString()).isEqualTo("Concierge");
        assertThat(agentIds(key)).containsExactly(agent.get("id").asString());
        assertThat(getNumber(key, bought.json().get("number").asString()).json().get("inbound_agent"))
                .isEqualTo(agent);
    }

    @Test
    default void anInvalidInlineAgentIsNamedUnderInboundAgentAndBuysNothing() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response badReference = buy(key, body("area_code", "617", "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge", "prompt", UUID.randomUUID().toString())));
        assertProblem(badReference, 422, "validation-failed", "inbound_agent.prompt");
        Response unknownField = buy(key, body("area_code", "617", "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge", "colour", "red")));
        assertProblem(unknownField, 422, "validation-failed", "inbound_agent.colour");
        assertProblem(buy(key, body("area_code", "617", "telephony_account_connection", connection,
                "inbound_agent", 42)), 422, "validation-failed", "inbound_agent");
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(agentIds(key)).isEmpty();
        assertThat(jdbc().sql("SELECT COUNT(*) FROM number_purchases WHERE account_connection_id = :c").param("c", UUID.fromString(connection))
                .query(Long.class).single()).isZero();
    }

    @Test
    default void aBuyTheProviderRefusesLeavesNoInlineAgent() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst(); // owned already: not on sale
        Response r = buy(key, body("phone_number", owned, "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge")));
        assertProblem(r, 409, "number-not-on-sale", null);
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(agentIds(key)).isEmpty();
    }

    @Test
    default void linkingWithAnInlineAgentCreatesItWithTheNumber() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();
        assertProblem(link(key, body("phone_number", owned, "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge", "voice", UUID.randomUUID().toString()))),
                422, "validation-failed", "inbound_agent.voice");
        assertThat(agentIds(key)).isEmpty();
        Response linked = link(key, body("phone_number", owned, "telephony_account_connection", connection,
                "inbound_agent", Map.of("name", "Concierge")));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.json().get("inbound_agent").get("name").asString()).isEqualTo("Concierge");
        assertThat(agentIds(key)).containsExactly(linked.json().get("inbound_agent").get("id").asString());
    }

    @Test
    default void updateTakesAnInlineAgentAndCreatesItWithTheChange() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = buy(key, body("area_code", "617", "telephony_account_connection", connection)).json()
                .get("number").asString();
        assertProblem(update(key, number, body("label", "Front", "inbound_agent", Map.of("name", "Concierge", "colour", "red"))),
                422, "validation-failed", "inbound_agent.colour");
        assertProblem(update(key, number, body("inbound_agent", Map.of("webhook", UUID.randomUUID().toString()))),
                422, "validation-failed", "inbound_agent.webhook");
        assertThat(agentIds(key)).isEmpty();
        assertThat(getNumber(key, number).json().get("label").isNull()).isTrue();
        Response updated = update(key, number, body("label", "Front", "inbound_agent", Map.of("name", "Concierge")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("inbound_agent").get("name").asString()).isEqualTo("Concierge");
        assertThat(agentIds(key)).containsExactly(updated.json().get("inbound_agent").get("id").asString());
    }

    @Test
    default void linksANumberTheAccountOwnsAndCancelOnlyForgetsIt() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String owned = ownedAtProvider(key, "sandbox", connection).getFirst();

        Response linked = link(key, body("phone_number", owned, "telephony_account_connection", connection));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.json().get("number").asString()).isEqualTo(owned);
        assertThat(linked.json().get("active").asBoolean()).isTrue();
        assertThat(listedNumbers(key)).containsExactly(owned);
        assertProblem(link(key, body("phone_number", owned, "telephony_provider", "sandbox",
                "telephony_account_connection", connection)), 409, "conflict", null);

        Response cancelled = cancel(key, owned);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(listedNumbers(key)).isEmpty();
        assertThat(ownedAtProvider(key, "sandbox", connection)).contains(owned); // still the account's
    }

    @Test
    default void linkingANumberTheAccountDoesNotOwnNamesIt() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String onSale = onSale(key, connection, "{\"area_code\":\"415\"}").getFirst();
        Response r = link(key, body("phone_number", onSale, "telephony_account_connection", connection));
        assertProblem(r, 422, "validation-failed", "phone_number");
        assertProblem(link(key, body("telephony_account_connection", connection)), 422, "validation-failed", "phone_number");
        assertProblem(link(key, body("phone_number", onSale, "telephony_provider", "twilio",
                "telephony_account_connection", connection)), 422, "validation-failed", "telephony_provider");
        assertThat(listedNumbers(key)).isEmpty();
    }

    @Test
    default void listPagesInAStableOrderByAnySortColumn() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        List<String> bought = new ArrayList<>();
        for (String number : onSale(key, connection, "{\"area_code\":\"512\"}").subList(0, 5)) {
            Response r = buy(key, body("phone_number", number, "telephony_account_connection", connection));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            bought.add(number);
        }
        // two share a label, so the tie is broken by id
        update(key, bought.get(0), body("label", "b"));
        update(key, bought.get(1), body("label", "a"));
        update(key, bought.get(2), body("label", "a"));

        assertThat(listedNumbers(key)).containsExactlyElementsOf(bought); // created_at, oldest first
        Response desc = list(key, "sort_column=phone_number&sort_desc=true");
        List<String> byNumberDesc = new ArrayList<>();
        desc.json().get("items").forEach(i -> byNumberDesc.add(i.get("number").asString()));
        assertThat(byNumberDesc).isSortedAccordingTo(java.util.Comparator.reverseOrder()).hasSize(5);

        List<String> pagedByLabel = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Response r = list(key, "sort_column=label&size=2&page=" + page);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("total").asLong()).isEqualTo(5);
            assertThat(r.json().get("page").asInt()).isEqualTo(page);
            assertThat(r.json().get("has_more").asBoolean()).isEqualTo(page < 3);
            r.json().get("items").forEach(i -> pagedByLabel.add(i.get("number").asString()));
        }
        assertThat(pagedByLabel).hasSize(5).doesNotHaveDuplicates();
        assertThat(pagedByLabel.subList(0, 3)).containsExactlyInAnyOrder(bought.get(1), bought.get(2), bought.get(0));
        assertThat(pagedByLabel.get(2)).isEqualTo(bought.get(0));
        Response again = list(key, "sort_column=label&size=2&page=1");
        assertThat(again.json().get("items").get(0).get("number").asString()).isEqualTo(pagedByLabel.get(0));
        for (String column : List.of("created_at", "updated_at", "phone_number", "label")) {
            assertThat(list(key, "sort_column=" + column).status()).isEqualTo(200);
        }
    }

    @Test
    default void listNamesEveryBadParameter() {
        String key = newUser();
        Response r = list(key, "page=0&size=500&sort_column=colour&sort_desc=maybe&limit=3");
        assertProblem(r, 422, "validation-failed", "page");
        for (String p : List.of("size", "sort_column", "sort_desc", "limit")) {
            assertProblem(r, 422, "validation-failed", p);
        }
        assertProblem(list(key, "page=x"), 422, "validation-failed", "page");
        Response empty = list(key, "");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("items")).isEmpty();
        assertThat(empty.json().get("total").asLong()).isZero();
    }

    @Test
    default void updateChangesOnlyWhatIsSentAndNullClears() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String agent = newAgent(key, "Sales");
        String number = buy(key, body("area_code", "206", "telephony_account_connection", connection))
                .json().get("number").asString();
        update(key, number, body("label", "Sales", "description", "Inbound sales", "inbound_agent", agent));
        Response onlyLabel = update(key, number, body("label", "Sales (West)"));
        assertThat(onlyLabel.json().get("label").asString()).isEqualTo("Sales (West)");
        assertThat(onlyLabel.json().get("description").asString()).isEqualTo("Inbound sales");
        assertThat(onlyLabel.json().get("inbound_agent").get("id").asString()).isEqualTo(agent);

        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("inbound_agent", null);
        clear.put("label", null);
        Response cleared = update(key, number, clear);
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("inbound_agent").isNull()).isTrue();
        assertThat(cleared.json().get("inbound_agent_name").isNull()).isTrue();
        assertThat(cleared.json().get("label").isNull()).isTrue();
        assertThat(cleared.json().get("description").asString()).isEqualTo("Inbound sales");
    }

    @Test
    default void updateNamesEveryBadField() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String number = buy(key, body("area_code", "206", "telephony_account_connection", connection))
                .json().get("number").asString();
        Map<String, Object> bad = new java.util.HashMap<>();
        bad.put("label", 7);
        bad.put("outbound_only", "yes");
        bad.put("example_context", List.of());
        bad.put("inbound_agent", "not-an-id");
        bad.put("number", "+15550000000");
        Response r = update(key, number, bad);
        for (String field : List.of("label", "outbound_only", "example_context", "inbound_agent", "number")) {
            assertProblem(r, 422, "validation-failed", field);
        }
        assertProblem(update(key, number, body("inbound_agent", UUID.randomUUID().toString())),
                422, "validation-failed", "inbound_agent");
        assertProblem(update(key, number, body("label", "x".repeat(201))), 422, "validation-failed", "label");
        assertThat(getNumber(key, number).json().get("label").isNull()).isTrue();
    }

    @Test
    default void unknownOrMalformedNumbersInTheQuery() {
        String key = newUser();
        assertProblem(getNumber(key, "+14155550100"), 404, "not-found", null);
        assertProblem(update(key, "+14155550100", body("label", "x")), 404, "not-found", null);
        assertProblem(cancel(key, "+14155550100"), 404, "not-found", null);
        assertProblem(getNumber(key, "call me"), 422, "validation-failed", "phone_number");
        assertProblem(api().get("/v1/numbers", key), 422, "validation-failed", "phone_number");
        // an unencoded + arrives as a space: still understood
        assertProblem(api().get("/v1/numbers?phone_number=+14155550100", key), 404, "not-found", null);
    }

    @Test
    default void everyNumbersCallNeedsABearerKey() {
        for (Response r : List.of(api().get("/v1/numbers/list", null), api().get("/v1/numbers?phone_number=%2B14155550100", null),
                api().post("/v1/numbers/buy", null, Map.of()), api().post("/v1/numbers/link", null, Map.of()),
                api().post("/v1/numbers/update?phone_number=%2B14155550100", null, Map.of()),
                api().post("/v1/numbers/cancel?phone_number=%2B14155550100", null, ""))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(401);
        }
    }
}
