package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.connections.AccountConnectionsContract;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiTest;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Whatever a request carries, API keys and provider secrets never reach the log (text here; JSON in operations). */
@ExtendWith(OutputCaptureExtension.class)
public class SecretsStayOutOfLogsTest extends OnEmbeddedDatabase {

    @Test
    void keysAndCredentialsNeverAppearInTheLog(CapturedOutput output) {
        List<String> secrets = sendSecrets(this);

        assertThat(output.getAll()).doesNotContain(secrets);
    }

    /** Sends API keys and provider secrets every way a request can carry them; returns what must never be logged. */
    public static List<String> sendSecrets(ApiTest test) {
        String key = test.newUser();
        String token = "5ec12e75ec12e75ec12e75ec12e7abcd";
        String id = test.api().newConnection(key, AccountConnectionsContract.twilio(token));
        test.api().post("/v1/account_connections/update?id=" + id, key,
                Map.of("credentials", Map.of("twilio_auth_token", "not-a-valid-token-" + token)));
        test.api().post("/v1/account_connections/create", key, Map.of("type", "account_connection_telnyx",
                "credentials", Map.of("telnyx_api_key", "KEYsecretsecretsecret", "oops", token)));
        test.api().get("/v1/numbers/available?telephony_provider=twilio&telephony_account_connection=" + id, key);
        test.api().get("/v1/account_connections/list", "sb_" + token);
        return List.of(token, key, ApiClient.ADMIN_TOKEN, "KEYsecretsecretsecret");
    }
}
