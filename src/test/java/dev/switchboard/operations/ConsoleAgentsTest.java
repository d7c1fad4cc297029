package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The agents view: the user's agents listed, and a new one made from a name and a prompt (the prompt stored as its
 * own resource that the agent references, as the API has it), offered at once to the numbers' agent pickers.
 */
class ConsoleAgentsTest extends ConsoleBrowserTest {

    private static final String PROMPT = "You are the front desk of a dental practice. Book appointments.";

    @Test
    void createsAnAgentWithANameAndAPromptFromThePage() {
        String key = newUser();
        openWithKey(key);
        assertThat(waitForVisible("agents-empty").getText()).contains("No agents yet");

        type("agent-name", "Front desk");
        type("agent-prompt", PROMPT);
        click("create-agent");

        assertThat(waitForVisible("agents-message").getText()).startsWith("Created agent Front desk");
        JsonNode agents = api().get("/v1/agents/list", key).json().get("items");
        assertThat(agents.size()).isEqualTo(1);
        assertThat(agents.get(0).get("name").asString()).isEqualTo("Front desk");
        // the list names the prompt by id (the SDK's NormalizedAgent); the page shows its text all the same
        String prompt = agents.get(0).get("prompt").asString();
        assertThat(api().get("/v1/prompts?id=" + prompt, key).json().get("content").asString()).isEqualTo(PROMPT);
        WebElement row = waitUntil(d -> d.findElement(By.cssSelector("#agents-table tbody tr")));
        assertThat(row.getText()).contains("Front desk", PROMPT, agents.get(0).get("id").asString());
        assertThat(byId("agent-name").getDomProperty("value")).isEmpty();
    }

    @Test
    void listsTheAgentsMadeThroughTheApi() {
        String key = newUser();
        api().post("/v1/agents/create", key, Map.of("name", "Night line", "language", "es"));
        openWithKey(key);
        WebElement row = waitUntil(d -> d.findElement(By.cssSelector("#agents-table tbody tr")));
        assertThat(row.getText()).contains("Night line", "(none)", "es");
    }

    @Test
    void aNameAndAPromptAreBothAskedForBeforeAnythingIsCreated() {
        String key = newUser();
        openWithKey(key);
        type("agent-name", "Front desk");
        click("create-agent");

        assertThat(waitForVisible("agents-error").getText()).isEqualTo("Give the agent a prompt");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("agent-prompt");
        assertThat(api().get("/v1/prompts/list", key).json().get("items").size()).isZero();
        assertThat(api().get("/v1/agents/list", key).json().get("items").size()).isZero();
    }

    @Test
    void aNewAgentIsOfferedForTheNumbersAtOnce() {
        String key = newUser();
        String number = buyThroughApi(key, api().newSandboxConnection(key), "415");
        openWithKey(key);
        type("agent-name", "Front desk");
        type("agent-prompt", PROMPT);
        click("create-agent");

        waitUntil(d -> d.findElement(By.cssSelector("#numbers-table tr[data-number='" + number + "'] select.agent"))
                .getText().contains("Front desk"));
    }
}
