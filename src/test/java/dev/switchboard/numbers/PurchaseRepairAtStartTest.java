package dev.switchboard.numbers;

import static dev.switchboard.support.ApiClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.ApiClient;
import dev.switchboard.support.ApiClient.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The restart path: the service bought a number it could not record, and stopped. Started again on the same
 * embedded database, it settles the pending purchase before anyone asks: the number is in the user's list once,
 * and a purchase the provider never made is marked failed.
 */
class PurchaseRepairAtStartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SwitchboardApplication.class).run("--server.port=0",
                "--switchboard.data-dir=" + dataDir, "--switchboard.admin-token=" + ApiClient.ADMIN_TOKEN,
                // settle whatever is pending at start, however recent (a test cannot wait out the grace period)
                "--switchboard.numbers.reconciliation.grace=0s");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static List<String> listed(ApiClient api, String key) {
        Response r = api.get("/v1/numbers/list?size=100", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        r.json().get("items").forEach(i -> numbers.add(i.get("number").asString()));
        return numbers;
    }

    @Test
    void aPurchaseLeftPendingIsSettledWhenTheServiceStartsAgain() throws Exception {
        String key;
        String connection;
        String bought;
        String neverBought;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = client(first);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            key = api.newUser("restart-purchase@example.com");
            connection = api.newSandboxConnection(key);
            Response onSale = api.get("/v1/numbers/available", params("telephony_provider", "sandbox",
                    "telephony_account_connection", connection, "filters", "{\"area_code\":\"415\"}"), key);
            bought = onSale.json().get("items").get(0).get("number").asString();
            neverBought = onSale.json().get("items").get(1).get("number").asString();

            // the database refuses the record after the provider sold the number, and the service goes down
            jdbc.sql("ALTER TABLE phone_numbers ADD CONSTRAINT refuse_one CHECK (phone_number <> '" + bought + "')").update();
            Response r = api.post("/v1/numbers/buy", key, Map.of("phone_number", bought,
                    "telephony_account_connection", connection));
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            // and a purchase whose request died before it reached the provider
            jdbc.sql("""
                            INSERT INTO number_purchases (id, user_id, account_connection_id, telephony_provider, phone_number,
                              state, created_at, updated_at)
                            SELECT :id, user_id, id, 'sandbox', :number, 'pending', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
                            FROM account_connections WHERE id = :connection""")
                    .param("id", UUID.randomUUID()).param("number", neverBought)
                    .param("connection", UUID.fromString(connection)).update();
            assertThat(listed(api, key)).isEmpty();
        }
        // the database is back to normal before the service is
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("switchboard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", ""); Statement s = db.createStatement()) {
            s.execute("ALTER TABLE phone_numbers DROP CONSTRAINT refuse_one");
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = client(second);
            assertThat(listed(api, key)).containsExactly(bought);
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT phone_number, state FROM number_purchases ORDER BY state").query().listOfRows())
                    .containsExactly(Map.of("phone_number", bought, "state", "bought"),
                            Map.of("phone_number", neverBought, "state", "failed"));
            Response owned = api.get("/v1/numbers/available", params("telephony_provider", "sandbox",
                    "telephony_account_connection", connection, "limit", "100", "filters", "{\"source\":\"account\"}"), key);
            List<String> ownedNumbers = new ArrayList<>();
            owned.json().get("items").forEach(i -> ownedNumbers.add(i.get("number").asString()));
            assertThat(ownedNumbers).contains(bought).doesNotContain(neverBought);
        }
    }
}
