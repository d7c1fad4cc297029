package dev.switchboard.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Users, API keys and the bearer authentication of every call; run on each database. */
public interface AuthenticationContract {

    ApiClient api();

    String newUser();

    @Test
    default void adminCreatesUserAndShowsItsKeyOnce() {
        Response r = api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN, Map.of("email", "New-" + UUID.randomUUID() + "@Example.com"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("user_id").asString()).matches("[0-9a-f-]{36}");
        String key = r.json().get("api_key").asString();
        assertThat(key).startsWith("sb_").hasSizeGreaterThan(40);
        assertThat(api().get("/v1/account_connections/list", key).status()).isEqualTo(200);
    }

    @Test
    default void adminEndpointRefusesAnyOtherToken() {
        Response r = api().post("/admin/v1/users", "not-the-admin-token", Map.of("email", "x@example.com"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        String userKey = newUser();
        assertThat(api().post("/admin/v1/users", userKey, Map.of("email", "y@example.com")).status()).isEqualTo(401);
    }

    @Test
    default void duplicateEmailIsAConflictWhateverItsCase() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        assertThat(api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN, Map.of("email", email)).status()).isEqualTo(201);
        Response again = api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN, Map.of("email", email.toUpperCase()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("urn:switchboard:problem:conflict");
    }

    @Test
    default void invalidEmailIsNamed() {
        Response r = api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN, Map.of("email", "not an email"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("parameter").asString()).isEqualTo("email");
    }

    @Test
    default void missingMalformedAndUnknownTokensAre401WithBearerChallenge() {
        for (String authorization : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer", "Bearer  ",
                "Bearer sb_unknown0000000000000000000000000000000000", "Bearer " + ApiClient.ADMIN_TOKEN}) {
            HttpRequest.Builder request = api().builder("/v1/account_connections/list").GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            Response r = api().send(request, null);
            assertThat(r.status()).as("Authorization: %s", authorization).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:unauthenticated");
        }
    }

    @Test
    default void everyResponseCarriesARequestIdAndEchoesTheClients() {
        String key = newUser();
        Response generated = api().get("/v1/account_connections/list", key);
        assertThat(generated.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Response echoed = api().send(api().builder("/v1/account_connections/list").GET()
                .header("X-Request-Id", "client-trace-42").header("Authorization", "Bearer nope"), null);
        assertThat(echoed.header("X-Request-Id")).isEqualTo("client-trace-42");
        assertThat(echoed.json().get("request_id").asString()).isEqualTo("client-trace-42");
        Response replaced = api().send(api().builder("/v1/account_connections/list").GET()
                .header("X-Request-Id", "bad id with spaces").header("Authorization", "Bearer " + key), null);
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }
}
