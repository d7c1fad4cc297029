package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import org.junit.jupiter.api.Test;

/** What an operator or a developer opens first answers without any token: console, docs, health, metrics. */
class FreshStartTest extends OnEmbeddedDatabase {

    @Test
    void theConsolePageAndItsAssetsAreServedAtTheRoot() {
        Response page = api().get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Switchboard console</title>", "/console.js")
                .doesNotContain("http://", "https://");
        for (String asset : new String[] {"/console.css", "/favicon.ico", "/favicon.svg"}) {
            assertThat(api().get(asset, null).status()).as(asset).isEqualTo(200);
        }
        // module scripts run only when served as JavaScript
        for (String script : new String[] {"/console.js", "/console/api.js", "/console/keys.js",
                "/console/connections.js", "/console/numbers.js", "/console/agents.js", "/console/everywhere.js",
                "/console/results.js"}) {
            Response r = api().get(script, null);
            assertThat(r.status()).as(script).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(script).startsWith("text/javascript");
        }
    }

    @Test
    void docsHealthAndMetricsAnswerWithoutAToken() {
        for (String path : new String[] {"/openapi.json", "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness", "/actuator/prometheus"}) {
            Response r = api().get(path, null);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("X-Request-Id")).as(path).isNotBlank();
        }
        assertThat(api().get("/docs", null).status()).isIn(200, 302);
    }
}
