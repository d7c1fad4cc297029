package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** An operator who turns the sandbox off gets a service where no one can use it. */
@TestPropertySource(properties = "switchboard.providers.sandbox.enabled=false")
class SandboxTurnedOffTest extends OnEmbeddedDatabase {

    @Test
    void sandboxConnectionsCannotBeCreated() {
        String key = newUser();
        Response create = api().post("/v1/account_connections/create", key, Map.of("type", "account_connection_sandbox"));
        assertThat(create.status()).as(create.toString()).isEqualTo(422);
        assertThat(create.json().get("errors").get(0).get("parameter").asString()).isEqualTo("type");
        assertThat(create.json().get("detail").get(0).get("msg").asString()).contains("turned off");
    }
}
