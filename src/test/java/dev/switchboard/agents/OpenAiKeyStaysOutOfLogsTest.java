package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.OnEmbeddedDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An OpenAI key, good or malformed, never reaches the log or a response, whatever it is used for. */
@ExtendWith(OutputCaptureExtension.class)
class OpenAiKeyStaysOutOfLogsTest extends OnEmbeddedDatabase {

    @Test
    void theKeyNeverAppearsInTheLogOrInAnswers(CapturedOutput output) {
        String key = newUser();
        String secret = "sk-proj-LogMeNotLogMeNotLogMeNot1234";
        String connection = api().newConnection(key, Map.of("type", "account_connection_openai",
                "credentials", Map.of("openai_api_key", secret)));
        StringBuilder answers = new StringBuilder();
        answers.append(api().post("/v1/agents/create", key, Map.of("name", "a", "openai_account_connection",
                connection)).body());
        answers.append(api().post("/v1/account_connections/update?id=" + connection, key,
                Map.of("credentials", Map.of("openai_api_key", "bad " + secret))).body());
        answers.append(api().get("/v1/numbers/available?telephony_provider=twilio&telephony_account_connection="
                + connection, key).body());
        answers.append(api().get("/v1/agents/list", key).body());
        answers.append(api().get("/v1/account_connections/list", key).body());

        assertThat(answers.toString()).contains("****1234").doesNotContain(secret, "LogMeNot");
        assertThat(output.getAll()).doesNotContain(secret, "LogMeNot", key);
    }
}
