package dev.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code switchboard.http.cors.allowed-origins} set, the listed origins' pages may call the API; no other. */
@TestPropertySource(properties = "switchboard.http.cors.allowed-origins=https://console.example.com")
class CorsEnabledTest extends OnEmbeddedDatabase {

    @Test
    void aListedOriginsPreflightIsAllowedWithTheHeadersItNeeds() {
        Response r = preflight("https://console.example.com");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://console.example.com");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("GET");
        assertThat(r.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void anotherOriginsPreflightIsAProblem() {
        Response r = preflight("https://evil.example");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:cors-not-allowed");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aListedOriginsCallIsAnsweredWithItsOriginAndStillNeedsAKey() {
        String key = newUser();
        Response ok = api().send(api().builder("/v1/api_keys/list").GET().header("Origin", "https://console.example.com"),
                key);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://console.example.com");
        assertThat(ok.header("Access-Control-Expose-Headers")).contains("RateLimit").contains("Retry-After");
        Response anonymous = api().send(api().builder("/v1/api_keys/list").GET()
                .header("Origin", "https://console.example.com"), null);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private Response preflight(String origin) {
        return api().send(api().builder("/v1/numbers/available").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"), null);
    }
}
