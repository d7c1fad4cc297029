package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.connections.AccountConnectionsContract;
import dev.switchboard.support.ApiClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded default keeps users, keys and credentials across a restart, in the folder it was given. */
class EmbeddedDefaultRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
                "--switchboard.data-dir=" + dataDir, "--switchboard.admin-token=" + ApiClient.ADMIN_TOKEN);
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void dataAndTheGeneratedKeySurviveARestart() {
        String key;
        String connection;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            key = api.newUser("restart@example.com");
            connection = api.newConnection(key, AccountConnectionsContract.twilio(AccountConnectionsContract.TWILIO_TOKEN));
        }
        assertThat(dataDir.resolve("secret.key")).exists();
        assertThat(dataDir.resolve("switchboard.mv.db")).exists();

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            var read = api.get("/v1/account_connections?id=" + connection, key);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("credentials").get("twilio_auth_token").asString()).isEqualTo("****2e7a");
            assertThat(api.post("/admin/v1/users", ApiClient.ADMIN_TOKEN, Map.of("email", "restart@example.com")).status())
                    .isEqualTo(409);
        }
    }
}
