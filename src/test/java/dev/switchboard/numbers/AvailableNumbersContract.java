package dev.switchboard.numbers;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /v1/numbers/available} against the sandbox: the seed's shape, the filters, every bad input. */
public interface AvailableNumbersContract {

    String PATH = "/v1/numbers/available";

    ApiClient api();

    String newUser();

    org.springframework.jdbc.core.simple.JdbcClient jdbc();

    private Response search(String key, String connection, String filters) {
        return api().get(PATH, filters == null
                ? params("telephony_provider", "sandbox", "telephony_account_connection", connection)
                : params("telephony_provider", "sandbox", "telephony_account_connection", connection, "filters", filters), key);
    }

    @Test
    default void answersInTheSeedsShapeWithEveryKeyAndType() throws IOException {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response r = search(key, connection, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode seedItem = seedExample().get("items").get(0);
        JsonNode body = r.json();
        assertThat(body.propertyNames()).containsExactly("items", "total", "page", "size", "has_more", "total_is_estimated");
        assertThat(body.get("items")).hasSize(20);
        assertThat(body.get("size").asInt()).isEqualTo(20);
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(20);
        for (JsonNode item : body.get("items")) {
            List<String> seedKeys = seedItem.propertyNames().stream().toList();
            assertThat(item.propertyNames()).containsSubsequence(seedKeys).contains("provider_details");
            assertThat(item.get("id").isNull()).isTrue();
            assertThat(item.get("user_id").isNull()).isTrue();
            assertThat(item.get("label").isNull()).isTrue();
            assertThat(item.get("inbound_agent").isNull()).isTrue();
            assertThat(item.get("inbound_agent_name").isNull()).isTrue();
            assertThat(item.get("description").isNull()).isTrue();
            assertThat(item.get("active").isBoolean()).isTrue();
            assertThat(item.get("active").asBoolean()).isFalse();
            assertThat(item.get("outbound_only").asBoolean()).isFalse();
            assertThat(item.get("example_context").isObject()).isTrue();
            assertThat(item.get("example_context").isEmpty()).isTrue();
            assertThat(item.get("number").asString()).matches("\\+1[2-9][0-9]{9}");
            assertThat(item.get("telephony_provider").asString()).isEqualTo("sandbox");
            JsonNode connectionView = item.get("telephony_account_connection");
            assertThat(connectionView.get("id").asString()).isEqualTo(connection);
            assertThat(connectionView.propertyNames()).containsAll(
                    seedItem.get("inbound_agent").get("openai_account_connection").propertyNames());
            JsonNode details = item.get("provider_details");
            assertThat(details.propertyNames()).contains("country", "type", "region", "locality", "postal_code",
                    "capabilities", "address_requirements", "monthly_price", "best_effort_match", "sandbox");
            assertThat(details.get("sandbox").asBoolean()).isTrue();
            assertThat(details.get("country").asString()).isEqualTo("US");
            assertThat(details.get("type").asString()).isEqualTo("local");
            assertThat(details.get("capabilities").propertyNames()).containsExactly("voice", "sms", "mms", "fax");
            assertThat(details.get("monthly_price").get("amount").asString()).matches("[0-9]+\\.[0-9]{2}");
        }
        // seed's types for the keys the item shares with it
        JsonNode item = body.get("items").get(0);
        for (String k : List.of("number", "active", "outbound_only", "example_context", "telephony_provider",
                "telephony_account_connection")) {
            assertThat(item.get(k).getNodeType()).as(k).isEqualTo(seedItem.get(k).getNodeType());
        }
    }

    @Test
    default void appliesFilters() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        JsonNode sf = search(key, connection, "{\"area_code\":\"415\",\"capabilities\":[\"sms\",\"mms\"]}").json();
        assertThat(sf.get("items")).isNotEmpty();
        for (JsonNode item : sf.get("items")) {
            assertThat(item.get("number").asString()).startsWith("+1415");
            assertThat(item.get("provider_details").get("capabilities").get("sms").asBoolean()).isTrue();
            assertThat(item.get("provider_details").get("capabilities").get("mms").asBoolean()).isTrue();
            assertThat(item.get("provider_details").get("region").asString()).isEqualTo("CA");
        }
        JsonNode tollFree = search(key, connection, "{\"type\":\"toll_free\"}").json();
        assertThat(tollFree.get("items")).isNotEmpty().allSatisfy(item ->
                assertThat(item.get("number").asString()).matches("\\+18(00|33|44|55|66|77|88)[0-9]{7}"));
        JsonNode ends = search(key, connection, "{\"ends_with\":\"7\"}").json();
        assertThat(ends.get("items")).isNotEmpty().allSatisfy(item -> assertThat(item.get("number").asString()).endsWith("7"));
        Response limited = api().get(PATH, params("telephony_provider", "sandbox", "telephony_account_connection",
                connection, "limit", "3"), key);
        assertThat(limited.json().get("items")).hasSize(3);
        assertThat(limited.json().get("has_more").asBoolean()).isTrue();
    }

    @Test
    default void vanityLettersInContainsSearchTheirKeypadDigits() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        JsonNode r = search(key, connection, "{\"contains\":\"22\",\"limit_unused\":null}").json();
        assertThat(r.get("errors").get(0).get("parameter").asString()).isEqualTo("filters.limit_unused");
        JsonNode vanity = search(key, connection, "{\"contains\":\"AB\"}").json();
        JsonNode digits = search(key, connection, "{\"contains\":\"22\"}").json();
        assertThat(vanity.get("items")).isNotEmpty();
        assertThat(vanity.get("items")).isEqualTo(digits.get("items"));
        assertThat(vanity.get("items")).allSatisfy(item ->
                assertThat(item.get("number").asString().substring(2)).contains("22"));
    }

    @Test
    default void accountSourceListsTheNumbersTheAccountOwns() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response r = search(key, connection, "{\"source\":\"account\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("number").asString()).startsWith("+1");
            assertThat(item.get("telephony_account_connection").get("id").asString()).isEqualTo(connection);
        });
    }

    @Test
    default void anOwnedNumberAlreadyLinkedComesBackAsItsFullRecord() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        JsonNode owned = search(key, connection, "{\"source\":\"account\"}").json().get("items");
        String linkedNumber = owned.get(0).get("number").asString();
        UUID userId = UUID.fromString(owned.get(0).get("telephony_account_connection").get("user_id").asString());
        UUID recordId = UUID.randomUUID();
        var now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        jdbc().sql("""
                INSERT INTO phone_numbers (id, user_id, phone_number, telephony_provider, account_connection_id,
                  acquisition, active, label, description, outbound_only, example_context, created_at, updated_at)
                VALUES (:id, :user, :number, 'sandbox', :connection, 'linked', TRUE, 'Front desk', 'Main line', TRUE,
                  '{"shop":"Downtown"}', :now, :now)""")
                .param("id", recordId).param("user", userId).param("number", linkedNumber)
                .param("connection", UUID.fromString(connection)).param("now", now).update();

        JsonNode items = search(key, connection, "{\"source\":\"account\"}").json().get("items");
        JsonNode linked = items.valueStream().filter(i -> i.get("number").asString().equals(linkedNumber))
                .findFirst().orElseThrow();
        assertThat(linked.get("id").asString()).isEqualTo(recordId.toString());
        assertThat(linked.get("user_id").asString()).isEqualTo(userId.toString());
        assertThat(linked.get("active").asBoolean()).isTrue();
        assertThat(linked.get("label").asString()).isEqualTo("Front desk");
        assertThat(linked.get("description").asString()).isEqualTo("Main line");
        assertThat(linked.get("outbound_only").asBoolean()).isTrue();
        assertThat(linked.get("example_context").get("shop").asString()).isEqualTo("Downtown");
        assertThat(items.valueStream().filter(i -> !i.get("number").asString().equals(linkedNumber)))
                .allSatisfy(i -> assertThat(i.get("id").isNull()).isTrue());
        // the record is the owner's alone: another user's search of their own account never shows it
        String stranger = newUser();
        JsonNode theirs = search(stranger, api().newSandboxConnection(stranger), "{\"source\":\"account\"}").json();
        assertThat(theirs.get("items")).allSatisfy(i -> assertThat(i.get("id").isNull()).isTrue());
    }

    @Test
    default void emptyResultIsA200WithNoItems() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response r = search(key, connection, "{\"area_code\":\"415\",\"starts_with\":\"212\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).isEmpty();
        assertThat(r.json().get("total").asLong()).isZero();
        assertThat(r.json().get("has_more").asBoolean()).isFalse();
    }

    @Test
    default void namesEveryBadParameter() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        assertThat(errors(api().get(PATH, params(), key))).containsExactlyInAnyOrder(
                "telephony_provider", "telephony_account_connection");
        assertThat(errors(api().get(PATH, params("telephony_provider", "plivo", "telephony_account_connection", connection), key)))
                .containsExactly("telephony_provider");
        assertThat(errors(api().get(PATH, params("telephony_provider", "sandbox", "telephony_account_connection", "abc"), key)))
                .containsExactly("telephony_account_connection");
        for (String limit : List.of("0", "101", "-1", "abc", "2.5", "")) {
            assertThat(errors(api().get(PATH, params("telephony_provider", "sandbox", "telephony_account_connection",
                    connection, "limit", limit), key))).as("limit=%s", limit).containsExactly("limit");
        }
        assertThat(errors(api().get(PATH, params("telephony_provider", "sandbox", "telephony_account_connection",
                connection, "page", "2"), key))).containsExactly("page");
        assertThat(errors(api().get(PATH + "?telephony_provider=sandbox&telephony_provider=twilio&telephony_account_connection="
                + connection, key))).containsExactly("telephony_provider");
    }

    @Test
    default void namesEveryBadFilterKey() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Map<String, String> cases = Map.ofEntries(
                Map.entry("not json", "filters"),
                Map.entry("[1,2]", "filters"),
                Map.entry("\"US\"", "filters"),
                Map.entry("{\"colour\":\"red\"}", "filters.colour"),
                Map.entry("{\"source\":\"shop\"}", "filters.source"),
                Map.entry("{\"country\":\"USA\"}", "filters.country"),
                Map.entry("{\"country\":\"XX\"}", "filters.country"),
                Map.entry("{\"type\":\"premium\"}", "filters.type"),
                Map.entry("{\"area_code\":415}", "filters.area_code"),
                Map.entry("{\"area_code\":\"115\"}", "filters.area_code"),
                Map.entry("{\"contains\":\"12-34\"}", "filters.contains"),
                Map.entry("{\"starts_with\":\"ABC\"}", "filters.starts_with"),
                Map.entry("{\"ends_with\":12}", "filters.ends_with"),
                Map.entry("{\"region\":[\"CA\"]}", "filters.region"),
                Map.entry("{\"locality\":\"\"}", "filters.locality"),
                Map.entry("{\"postal_code\":true}", "filters.postal_code"),
                Map.entry("{\"capabilities\":\"sms\"}", "filters.capabilities"),
                Map.entry("{\"capabilities\":[\"sms\",\"telepathy\"]}", "filters.capabilities[1]"),
                Map.entry("{\"exclude_address_required\":\"yes\"}", "filters.exclude_address_required"),
                Map.entry("{\"best_effort\":1}", "filters.best_effort"),
                Map.entry("{\"type\":\"local\",\"type\":\"mobile\"}", "filters"));
        cases.forEach((filters, parameter) ->
                assertThat(errors(search(key, connection, filters))).as("filters=%s", filters).containsExactly(parameter));
        assertThat(errors(search(key, connection, "{\"type\":\"premium\",\"area_code\":\"1\",\"x\":1}")))
                .containsExactlyInAnyOrder("filters.type", "filters.area_code", "filters.x");
    }

    @Test
    default void providerMustMatchTheConnectionsType() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        Response r = api().get(PATH, params("telephony_provider", "twilio", "telephony_account_connection", connection), key);
        assertThat(errors(r)).containsExactly("telephony_provider");
        assertThat(r.json().get("detail").get(0).get("msg").asString()).contains("account_connection_sandbox");
    }

    @Test
    default void anotherUsersConnectionIsNotFoundLikeAMissingOne() {
        String owner = newUser();
        String stranger = newUser();
        String connection = api().newSandboxConnection(owner);
        Response theirs = search(stranger, connection, null);
        Response missing = search(stranger, UUID.randomUUID().toString(), null);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
        assertThat(theirs.json().get("title")).isEqualTo(missing.json().get("title"));
        assertThat(theirs.body()).doesNotContain("sandbox\"", "Sandbox");
    }

    @Test
    default void problemsNeverCarryStackTracesOrInternals() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        for (Response r : List.of(search(key, connection, "{\"area_code\":"), search(key, "x", null),
                api().get(PATH + "?filters=%7B", key), api().post(PATH, key, "{}"))) {
            assertThat(r.status()).as(r.toString()).isBetween(400, 499);
            assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("Exception", "\tat ", "java.", "tools.jackson", "SQL");
        }
    }

    @Test
    default void filtersAsLongAsTheParserTakesReachItEvenFullyPercentEncoded() {
        // Found by AvailableNumbersQueryFuzzTest: Tomcat's default 8 KB request-header limit refused such a query
        // with a bare HTML 400 before the application could answer it.
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String prefix = "{\"locality\":\"";
        String longest = prefix + "#".repeat(4096 - prefix.length() - 2) + "\"}"; // 4096 characters, most %23
        assertThat(errors(search(key, connection, longest))).containsExactly("filters.locality");
        assertThat(errors(search(key, connection, longest.replace("{", "{ ")))).containsExactly("filters");
    }

    @Test
    default void aRequestLargerThanTomcatTakesIsAProblemToo() {
        // 4096 characters of 3-byte UTF-8 are 36 KB percent-encoded: past the 16 KB Tomcat reads, it answers itself.
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        String prefix = "{\"locality\":\"";
        Response r = search(key, connection, prefix + "\u20ac".repeat(4096 - prefix.length() - 2) + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("larger");
        assertThat(r.body()).doesNotContain("<html", "Tomcat", "Exception");
    }

    @Test
    default void undecodableQueryIsA422NotA500() {
        String key = newUser();
        for (String target : List.of(PATH + "?telephony_provider=sandbox&filters=%ZZ", PATH + "?a=%")) {
            String raw = api().rawGet(target, key);
            assertThat(raw).as(target).startsWith("HTTP/1.1 422").contains("application/problem+json")
                    .contains("\"parameter\":\"query\"");
        }
    }

    private static List<String> errors(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        return r.json().get("errors").valueStream().map(e -> e.get("parameter").asString()).toList();
    }

    private static JsonNode seedExample() throws IOException {
        try (InputStream in = AvailableNumbersContract.class.getResourceAsStream("/seed/available-numbers-example.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
