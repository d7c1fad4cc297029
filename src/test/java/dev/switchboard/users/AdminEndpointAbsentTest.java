package dev.switchboard.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Without SWITCHBOARD_ADMIN_TOKEN the admin endpoints do not exist at all. */
@TestPropertySource(properties = "switchboard.admin-token=")
class AdminEndpointAbsentTest extends OnEmbeddedDatabase {

    @Test
    void adminEndpointIsNotFoundWhateverTheToken() {
        for (String token : new String[] {null, "", "anything"}) {
            Response r = api().post("/admin/v1/users", token, Map.of("email", "a@example.com"));
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().get("type").asString()).isEqualTo("urn:switchboard:problem:not-found");
        }
    }
}
