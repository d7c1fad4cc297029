package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The connections view: a new connection of each telephony provider with that provider's credential fields, the
 * API naming what is missing, and a connection's label and secret changed (a rotation) from the page.
 */
class ConsoleConnectionsTest extends ConsoleBrowserTest {

    private static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";

    @Test
    void eachProviderTypeAsksForItsOwnCredentialFields() {
        String key = newUser();
        openWithKey(key);
        assertThat(credentialFieldsFor("sandbox")).isEmpty();
        assertThat(credentialFieldsFor("twilio")).containsExactly("twilio_account_sid", "twilio_auth_token");
        assertThat(credentialFieldsFor("telnyx")).containsExactly("telnyx_api_key");
        assertThat(credentialFieldsFor("vonage")).containsExactly("vonage_api_key", "vonage_api_secret");
    }

    @Test
    void createsAConnectionOfEachProviderFromThePageAndTheApiHasThem() {
        String key = newUser();
        openWithKey(key);

        create("sandbox", "Try-out", Map.of());
        create("twilio", "Twilio main", Map.of("twilio_account_sid", TWILIO_SID,
                "twilio_auth_token", "0123456789abcdefABCDEF0123456789"));
        create("telnyx", "Telnyx", Map.of("telnyx_api_key", "KEY0123456789abcdefghij"));
        create("vonage", "Vonage", Map.of("vonage_api_key", "abc123def", "vonage_api_secret", "s3cretValue99"));

        JsonNode listed = api().get("/v1/account_connections/list?size=100", key).json().get("items");
        assertThat(listed.valueStream().map(c -> c.get("type").asString() + " " + c.get("label").asString()))
                .containsExactly("account_connection_sandbox Try-out", "account_connection_twilio Twilio main",
                        "account_connection_telnyx Telnyx", "account_connection_vonage Vonage");
        assertThat(listed.get(1).at("/credentials/twilio_auth_token").asString()).isEqualTo("****6789");
        // the page lists them, secrets masked as the API shows them, and offers each for search
        assertThat(browser.findElements(By.cssSelector("#connections-table tbody tr"))).hasSize(4);
        assertThat(byId("connections-table").getText()).contains("****6789").doesNotContain("0123456789abcdefABCDEF");
        assertThat(browser.findElements(By.cssSelector("#connection option[value]:not([value=''])"))).hasSize(4);
    }

    @Test
    void aMissingCredentialIsNamedByTheApiOnThePage() {
        String key = newUser();
        openWithKey(key);
        select("new-connection-type", "twilio");
        type("new-twilio_account_sid", TWILIO_SID);
        click("create-connection");

        WebElement error = waitForVisible("connections-error");
        assertThat(error.getText()).contains("credentials.twilio_auth_token: is required");
        assertThat(api().get("/v1/account_connections/list", key).json().get("items").size()).isZero();
    }

    @Test
    void rotatesASecretAndChangesTheLabelFromThePage() {
        String key = newUser();
        String id = api().newConnection(key, Map.of("type", "account_connection_twilio", "label", "Old",
                "credentials", Map.of("twilio_account_sid", TWILIO_SID, "twilio_auth_token", "0123456789abcdefABCDEF0123456789")));
        openWithKey(key);

        browser.findElement(By.cssSelector("#connections-table tr[data-id='" + id + "'] button.edit")).click();
        waitForVisible("connection-edit-form");
        assertThat(byId("edit-twilio_auth_token").getDomAttribute("placeholder")).isEqualTo("now ****6789");
        type("edit-connection-label", "Renamed");
        type("edit-twilio_auth_token", "ZYXWVUTSRQPONMLKJIHGFEDCBA98abcd");
        click("save-connection");

        assertThat(waitForVisible("connections-message").getText()).isEqualTo("Saved Renamed: twilio_auth_token replaced");
        JsonNode stored = api().get("/v1/account_connections?id=" + id, key).json();
        assertThat(stored.get("label").asString()).isEqualTo("Renamed");
        assertThat(stored.at("/credentials/twilio_auth_token").asString()).isEqualTo("****abcd");
        // the field left empty kept its value
        assertThat(stored.at("/credentials/twilio_account_sid").asString()).isEqualTo(TWILIO_SID);
        assertThat(browser.findElement(By.cssSelector("#connections-table tr[data-id='" + id + "']")).getText())
                .contains("Renamed", "****abcd");
        assertThat(byId("connection-edit-form").isDisplayed()).isFalse();
    }

    private List<String> credentialFieldsFor(String type) {
        select("new-connection-type", type);
        return browser.findElements(By.cssSelector("#new-connection-credentials input[data-field]")).stream()
                .map(input -> input.getDomAttribute("data-field")).toList();
    }

    private void create(String type, String label, Map<String, String> credentials) {
        int before = browser.findElements(By.cssSelector("#connections-table tbody tr")).size();
        select("new-connection-type", type);
        type("new-connection-label", label);
        credentials.forEach((field, value) -> type("new-" + field, value));
        click("create-connection");
        waitUntil(d -> d.findElements(By.cssSelector("#connections-table tbody tr")).size() == before + 1);
        assertThat(waitForVisible("connections-message").getText()).isEqualTo("Created " + label + " (" + type + ")");
    }
}
