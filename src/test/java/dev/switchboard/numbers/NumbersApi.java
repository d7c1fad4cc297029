package dev.switchboard.numbers;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The numbers calls as a client makes them, shared by the numbers contracts. */
public interface NumbersApi {

    JsonMapper JSON = JsonMapper.builder().build();

    ApiClient api();

    String newUser();

    JdbcClient jdbc();

    ApplicationContext context();

    default String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Numbers on sale on a sandbox connection, as the seed endpoint lists them. */
    default List<String> onSale(String key, String connection, String filters) {
        Response r = api().get("/v1/numbers/available", params("telephony_provider", "sandbox",
                "telephony_account_connection", connection, "limit", "20", "filters", filters), key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().get("items").forEach(item -> numbers.add(item.get("number").asString()));
        assertThat(numbers).isNotEmpty();
        return numbers;
    }

    /** Numbers the connection's account owns at its provider. */
    default List<String> ownedAtProvider(String key, String provider, String connection) {
        Response r = api().get("/v1/numbers/available", params("telephony_provider", provider,
                "telephony_account_connection", connection, "limit", "100", "filters", "{\"source\":\"account\"}"), key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().get("items").forEach(item -> numbers.add(item.get("number").asString()));
        return numbers;
    }

    default Map<String, Object> body(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    default Response buy(String key, Map<String, Object> body) {
        return api().post("/v1/numbers/buy", key, body);
    }

    default Response buy(String key, Map<String, Object> body, @Nullable String idempotencyKey) {
        HttpRequest.Builder request = api().builder("/v1/numbers/buy")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return api().send(request, key);
    }

    default Response link(String key, Map<String, Object> body) {
        return api().post("/v1/numbers/link", key, body);
    }

    default Response getNumber(String key, String number) {
        return api().get("/v1/numbers?phone_number=" + enc(number), key);
    }

    default Response update(String key, String number, Object body) {
        return api().post("/v1/numbers/update?phone_number=" + enc(number), key, body);
    }

    default Response cancel(String key, String number) {
        return api().post("/v1/numbers/cancel?phone_number=" + enc(number), key, "");
    }

    default Response list(String key, String query) {
        return api().get("/v1/numbers/list" + (query.isEmpty() ? "" : "?" + query), key);
    }

    /**
     * A number as the list shows it (the platform SDK's NormalizedPhoneNumber): as {@code get} answers it, with
     * {@code inbound_agent} and {@code telephony_account_connection} by id.
     */
    default tools.jackson.databind.JsonNode listed(tools.jackson.databind.JsonNode number) {
        var normalized = (tools.jackson.databind.node.ObjectNode) number.deepCopy();
        for (String reference : List.of("inbound_agent", "telephony_account_connection")) {
            if (number.get(reference).isObject()) {
                normalized.put(reference, number.get(reference).get("id").asString());
            }
        }
        return normalized;
    }

    /** The numbers in the user's list, in the list's order (all pages). */
    default List<String> listedNumbers(String key) {
        Response r = list(key, "size=100");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().get("items").forEach(item -> numbers.add(item.get("number").asString()));
        return numbers;
    }

    /** A new agent of the user's; returns its id. */
    default String newAgent(String key, String name) {
        Response r = api().post("/v1/agents/create", key, Map.of("name", name, "model", "gpt-4o"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("id").asString();
    }

    default void assertProblem(Response r, int status, String type, @Nullable String parameter) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:" + type);
        if (parameter != null) {
            List<String> named = new ArrayList<>();
            r.json().get("errors").forEach(e -> named.add(e.get("parameter").asString()));
            assertThat(named).as(r.toString()).contains(parameter);
        }
    }

    /** The answer without what differs between two requests (their ids). */
    default JsonNode withoutRequestId(Response r) {
        var copy = (tools.jackson.databind.node.ObjectNode) r.json().deepCopy();
        copy.remove("request_id");
        return copy;
    }
}
