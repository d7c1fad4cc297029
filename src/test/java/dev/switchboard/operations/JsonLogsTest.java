package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SecretsStayOutOfLogsTest;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code SWITCHBOARD_LOG_FORMAT=json} every console line is one JSON object, each request is summed up in
 * exactly one line with its request id, user, provider, status and duration, and no secret is ever in them.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "switchboard.log-format=json")
@DirtiesContext // its own context, closed after: the JSON format is this class's alone
class JsonLogsTest extends OnEmbeddedDatabase {

    /** The request log's logger (web.RequestLog), the name log pipelines select its lines by. */
    private static final String REQUEST_LOG = "dev.switchboard.requests";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRequestIsOneJsonLineWithItsIdUserProviderStatusAndDuration(CapturedOutput output) {
        Response created = api().post("/admin/v1/users", ApiClient.ADMIN_TOKEN,
                Map.of("email", "json-logs-" + UUID.randomUUID() + "@example.com"));
        String userId = created.json().get("user_id").asString();
        String key = created.json().get("api_key").asString();
        String connection = api().newSandboxConnection(key);
        String requestId = "json-log-" + UUID.randomUUID();

        Response search = api().send(api().builder("/v1/numbers/available?telephony_provider=sandbox&limit=2"
                + "&telephony_account_connection=" + connection).header("X-Request-Id", requestId).GET(), key);
        assertThat(search.status()).isEqualTo(200);

        JsonNode line = awaitOneRequestLine(output, requestId);
        assertThat(line.get("request_id").asString()).isEqualTo(requestId);
        assertThat(line.get("user_id").asString()).isEqualTo(userId);
        assertThat(line.get("provider").asString()).isEqualTo("sandbox");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(line.get("method").asString()).isEqualTo("GET");
        assertThat(line.get("path").asString()).isEqualTo("/v1/numbers/available");
        assertThat(line.get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("@timestamp").asString()).isNotBlank();
    }

    @Test
    void aRejectedRequestIsLoggedWithItsStatusAndNoUser(CapturedOutput output) {
        String requestId = "json-log-" + UUID.randomUUID();
        Response r = api().send(api().builder("/v1/account_connections/list").header("X-Request-Id", requestId)
                .GET(), "sb_not-a-key");
        assertThat(r.status()).isEqualTo(401);

        JsonNode line = awaitOneRequestLine(output, requestId);
        assertThat(line.get("status").asInt()).isEqualTo(401);
        assertThat(line.has("user_id")).isFalse();
        assertThat(line.has("provider")).isFalse();
    }

    @Test
    void everyLineIsJsonAndNoneCarriesASecret(CapturedOutput output) {
        List<String> secrets = SecretsStayOutOfLogsTest.sendSecrets(this);
        String marker = "json-log-" + UUID.randomUUID();
        api().send(api().builder("/v1/account_connections/list").header("X-Request-Id", marker).GET(), "sb_nope");
        awaitOneRequestLine(output, marker);

        assertThat(output.getAll()).doesNotContain(secrets);
        List<String> notJson = new ArrayList<>();
        for (String text : output.getOut().split("\\R")) {
            if (!text.isBlank() && parse(text) == null) {
                notJson.add(text);
            }
        }
        assertThat(notJson).as("console lines that are not JSON").isEmpty();
    }

    /** The request log's lines for one request id, waiting (bounded) for the line written as the request ends. */
    private static JsonNode awaitOneRequestLine(CapturedOutput output, String requestId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<JsonNode> lines = requestLines(output, requestId);
        while (lines.isEmpty() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            lines = requestLines(output, requestId);
        }
        assertThat(lines).as("request log lines of %s", requestId).hasSize(1);
        return lines.getFirst();
    }

    private static List<JsonNode> requestLines(CapturedOutput output, String requestId) {
        List<JsonNode> lines = new ArrayList<>();
        for (String text : output.getOut().split("\\R")) {
            JsonNode line = parse(text);
            if (line != null && REQUEST_LOG.equals(line.path("logger_name").asString(""))
                    && requestId.equals(line.path("request_id").asString(""))) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static JsonNode parse(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
