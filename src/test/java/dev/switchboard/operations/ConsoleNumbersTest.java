package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The "my numbers" view: the user's numbers page by page in the chosen order, each pointed at an agent and labelled
 * from the page, and cancelled only after the page asked.
 */
class ConsoleNumbersTest extends ConsoleBrowserTest {

    private static final List<String> AREAS = List.of("415", "212", "312", "617", "206", "303", "512", "404", "305",
            "702", "503", "615");

    @Test
    void listsTheNumbersPageByPageInTheChosenOrder() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        List<String> bought = new ArrayList<>();
        AREAS.forEach(area -> bought.add(buyThroughApi(key, connection, area)));
        openWithKey(key);
        waitUntil(d -> numbersShown().size() == 12);

        select("numbers-size", "10");
        select("numbers-sort", "phone_number");
        select("numbers-order", "true");

        List<String> descending = bought.stream().sorted(Comparator.reverseOrder()).toList();
        waitUntil(d -> numbersShown().equals(descending.subList(0, 10)));
        assertThat(byId("numbers-page").getText()).isEqualTo("Page 1: 1–10 of 12");
        assertThat(byId("numbers-prev").isEnabled()).isFalse();

        click("numbers-next");
        waitUntil(d -> numbersShown().equals(descending.subList(10, 12)));
        assertThat(byId("numbers-next").isEnabled()).isFalse();
        click("numbers-prev");
        waitUntil(d -> numbersShown().equals(descending.subList(0, 10)));
    }

    @Test
    void pointsANumberAtAnAgentAndLabelsItFromThePage() {
        String key = newUser();
        String number = buyThroughApi(key, api().newSandboxConnection(key), "415");
        String agent = api().post("/v1/agents/create", key, Map.of("name", "Front desk")).json().get("id").asString();
        openWithKey(key);
        waitUntil(d -> d.findElement(rowOf(number)).findElements(By.cssSelector("select.agent option")).size() == 2);
        WebElement row = browser.findElement(rowOf(number));

        new Select(row.findElement(By.cssSelector("select.agent"))).selectByValue(agent);
        WebElement label = row.findElement(By.cssSelector("input.label"));
        label.clear();
        label.sendKeys("Support line");
        row.findElement(By.cssSelector("button.save")).click();

        assertThat(waitForVisible("numbers-message").getText()).isEqualTo("Saved " + number + ", answered by Front desk");
        JsonNode held = held(key, number);
        assertThat(held.at("/inbound_agent/id").asString()).isEqualTo(agent);
        assertThat(held.get("label").asString()).isEqualTo("Support line");

        // drawn again from the list, which names the agent by id: the picker still shows it
        waitUntil(d -> agent.equals(new Select(d.findElement(rowOf(number)).findElement(By.cssSelector("select.agent")))
                .getFirstSelectedOption().getDomAttribute("value")));

        // and back: no agent, no label
        WebElement redrawn = waitUntil(ExpectedConditions.presenceOfElementLocated(rowOf(number)));
        new Select(redrawn.findElement(By.cssSelector("select.agent"))).selectByValue("");
        redrawn.findElement(By.cssSelector("input.label")).clear();
        redrawn.findElement(By.cssSelector("button.save")).click();
        waitUntil(d -> held(key, number).get("inbound_agent").isNull());
        assertThat(held(key, number).get("label").isNull()).isTrue();
    }

    @Test
    void cancelsANumberOnlyAfterTheConfirmation() {
        String key = newUser();
        String number = buyThroughApi(key, api().newSandboxConnection(key), "415");
        openWithKey(key);
        WebElement row = waitUntil(ExpectedConditions.presenceOfElementLocated(rowOf(number)));

        row.findElement(By.cssSelector("button.cancel")).click();
        assertThat(row.findElement(By.cssSelector(".confirm")).getText()).contains("Cancel " + number + "?");
        row.findElement(By.cssSelector("button.keep")).click();
        assertThat(row.findElements(By.cssSelector("button.confirm-cancel"))).isEmpty();
        assertThat(api().get("/v1/numbers?phone_number=" + enc(number), key).status()).isEqualTo(200);

        row.findElement(By.cssSelector("button.cancel")).click();
        row.findElement(By.cssSelector("button.confirm-cancel")).click();

        assertThat(waitForVisible("numbers-message").getText()).isEqualTo("Cancelled " + number);
        waitUntil(d -> d.findElements(rowOf(number)).isEmpty());
        assertThat(api().get("/v1/numbers?phone_number=" + enc(number), key).status()).isEqualTo(404);
    }

    @Test
    void aNumberBoughtOnThePageJoinsMyNumbersAndIsNotCalledLinkedAmongTheAccountsNumbers() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        type("area-code", "415");
        WebElement first = searchAndWaitForResults().getFirst();
        String number = first.getDomAttribute("data-number");
        first.findElement(By.cssSelector("button.buy")).click();
        waitForVisible("message");

        waitUntil(ExpectedConditions.presenceOfElementLocated(rowOf(number)));

        new Select(byId("source")).selectByValue("account");
        type("area-code", "415");
        WebElement held = searchAndWaitForResults().stream()
                .filter(r -> number.equals(r.getDomAttribute("data-number"))).findFirst().orElseThrow();
        WebElement button = held.findElement(By.cssSelector("button.link"));
        assertThat(button.getText()).isEqualTo("In Switchboard").isNotEqualTo("Linked");
        assertThat(button.isEnabled()).isFalse();
    }

    private List<String> numbersShown() {
        return browser.findElements(By.cssSelector("#numbers-table tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-number")).toList();
    }

    private static By rowOf(String number) {
        return By.cssSelector("#numbers-table tr[data-number='" + number + "']");
    }

    private JsonNode held(String key, String number) {
        return api().get("/v1/numbers?phone_number=" + enc(number), key).json();
    }

    private static String enc(String number) {
        return URLEncoder.encode(number, StandardCharsets.UTF_8);
    }
}
