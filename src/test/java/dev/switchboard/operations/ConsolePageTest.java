package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console page's search view, clicked through in a real headless Chromium: paste a key, pick the sandbox
 * connection, search, buy or link, see problems.
 */
class ConsolePageTest extends ConsoleBrowserTest {

    @Test
    void searchesTheSandboxWithFiltersFromThePage() {
        String key = newUser();
        String connection = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
        openWithKey(key, connection);

        type("area-code", "415");
        browser.findElement(By.cssSelector("input[name=capability][value=sms]")).click();
        new Select(browser.findElement(By.id("type"))).selectByValue("local");
        browser.findElement(By.id("search")).click();

        List<WebElement> rows = waitForResults();
        assertThat(rows).isNotEmpty();
        for (WebElement row : rows) {
            assertThat(row.getDomAttribute("data-number")).startsWith("+1415");
            assertThat(row.getText()).contains("sandbox", "sms", "Buy");
        }
        // the key lives in this tab's sessionStorage only
                assertThat(js("return sessionStorage.getItem('switchboard.apiKey')")).isEqualTo(key);
        assertThat(js("return localStorage.length")).isEqualTo(0L);
    }

    @Test
    void buysANumberFromThePageAndTheApiHasIt() {
        String key = newUser();
        String connection = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
        openWithKey(key, connection);
        type("area-code", "415");
        browser.findElement(By.id("search")).click();
        WebElement first = waitForResults().getFirst();
        String number = first.getDomAttribute("data-number");

        first.findElement(By.cssSelector("button.buy")).click();

        WebElement message = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).isEqualTo("Bought " + number + " on Try-out");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        Response held = api().get("/v1/numbers?phone_number=" + URLEncoder.encode(number, StandardCharsets.UTF_8), key);
        assertThat(held.status()).as("%s", held).isEqualTo(200);
        assertThat(held.json().get("number").asString()).isEqualTo(number);
        assertThat(held.json().at("/telephony_account_connection/id").asString()).isEqualTo(connection);
    }

    @Test
    void linksANumberTheAccountOwnsFromThePage() {
        String key = newUser();
        String connection = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Mine"));
        openWithKey(key, connection);
        new Select(browser.findElement(By.id("source"))).selectByValue("account");
        browser.findElement(By.id("search")).click();
        WebElement first = waitForResults().getFirst();
        String number = first.getDomAttribute("data-number");

        first.findElement(By.cssSelector("button.link")).click();

        WebElement message = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).isEqualTo("Linked " + number + " on Mine");
        Response held = api().get("/v1/numbers?phone_number=" + URLEncoder.encode(number, StandardCharsets.UTF_8), key);
        assertThat(held.status()).as("%s", held).isEqualTo(200);
    }

    @Test
    void showsTheProblemsDetailAndEachError() {
        String key = newUser();
        String connection = api().newSandboxConnection(key);
        openWithKey(key, connection);

        type("area-code", "12");
        type("contains", "!!");
        browser.findElement(By.id("search")).click();

        WebElement error = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        // a 422's detail is the SDK's list: the page heads it with the problem's title
        assertThat(error.getText()).contains("The request is invalid");
        assertThat(error.findElements(By.cssSelector("li.problem-error"))).extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("filters.contains:")).anyMatch(t -> t.startsWith("filters.area_code:"));
    }

    @Test
    void aWrongKeyShowsTheProblem() {
        browser.get(baseUrl() + "/");
        type("api-key", "sb_not-a-key");
        browser.findElement(By.id("use-key")).click();
        WebElement error = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("key-error")));
        assertThat(error.getText()).contains("not a valid API key");
    }
}
