package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Health (liveness, readiness with the database) and the Prometheus scrape, without a token; nothing else. */
class HealthAndMetricsTest extends OnEmbeddedDatabase {

    @Autowired
    private MeterRegistry registry;

    @Test
    void healthNeedsNoToken() {
        Response health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("details");
    }

    @Test
    void livenessAndReadinessAreGroupsAndReadinessIncludesTheDatabase() {
        Response liveness = api().get("/actuator/health/liveness", null);
        Response readiness = api().get("/actuator/health/readiness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").propertyNames()).contains("db", "readinessState");
        assertThat(liveness.json().get("components").propertyNames()).containsExactly("livenessState");
    }

    @Test
    void prometheusShowsHttpServerRequestsPerEndpoint() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        assertThat(api().get("/v1/numbers/available?telephony_provider=sandbox&telephony_account_connection="
                + connection, key).status()).isEqualTo(200);

        Response scrape = api().get("/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.body()).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*uri=\"/v1/numbers/available\"[^}]*} [1-9]");
        assertThat(scrape.body()).contains("http_server_requests_seconds_bucket{");
    }

    @Test
    void prometheusShowsWhateverTheServiceRecordsIncludingProviderMeters() {
        registry.counter("switchboard.operations.scrape.probe").increment();
        // what the provider wrapper records (calls, latencies, errors, circuit states, cache hits) lands here too
        List<Meter> providerMeters = registry.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("switchboard.provider")).toList();

        String scrape = api().get("/actuator/prometheus", null).body();
        assertThat(scrape).contains("switchboard_operations_scrape_probe_total 1.0");
        for (Meter meter : providerMeters) {
            assertThat(scrape).as(meter.getId().toString()).contains(meter.getId().getName().replace('.', '_'));
        }
    }

    @Test
    void everyOtherActuatorEndpointIsOff() {
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/metrics", "/actuator/info",
                "/actuator/loggers", "/actuator/mappings", "/actuator/sbom", "/actuator/scheduledtasks")) {
            assertThat(api().get(path, null).status()).as(path).isEqualTo(404);
        }
        Response shutdown = api().send(api().builder("/actuator/shutdown").POST(HttpRequest.BodyPublishers.noBody()), null);
        assertThat(shutdown.status()).isIn(404, 405);
    }
}
