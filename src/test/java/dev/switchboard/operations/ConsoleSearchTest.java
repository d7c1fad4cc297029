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
 * The search view's results belong to the connection and filters they were found with: switching either clears
 * them, so no Buy button can act on an account other than the one selected. Also paging, best effort, the empty
 * state, errors shown once, and one idempotency key per click.
 */
class ConsoleSearchTest extends ConsoleBrowserTest {

    @Test
    void afterSwitchingTheConnectionNoBuyButtonOfThePreviousResultsCanActAndANewSearchBuysOnTheNewOne() {
        String key = newUser();
        String alpha = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Alpha"));
        String beta = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Beta"));
        openWithKey(key, alpha);
        type("area-code", "415");
        List<WebElement> alphaRows = searchAndWaitForResults();
        WebElement alphaBuy = alphaRows.getFirst().findElement(By.cssSelector("button.buy"));

        pickConnection(beta);

        assertThat(byId("results-section").isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#results button.buy"))).isEmpty();
        assertThat(canAct(alphaBuy)).as("a Buy button of Alpha's results").isFalse();

        List<WebElement> betaRows = searchAndWaitForResults();
        String number = betaRows.getFirst().getDomAttribute("data-number");
        betaRows.getFirst().findElement(By.cssSelector("button.buy")).click();

        assertThat(waitForVisible("message").getText()).isEqualTo("Bought " + number + " on Beta");
        Response held = api().get("/v1/numbers?phone_number=" + URLEncoder.encode(number, StandardCharsets.UTF_8), key);
        assertThat(held.json().at("/telephony_account_connection/id").asString()).isEqualTo(beta);
    }

    @Test
    void changingAnyFilterClearsTheResults() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        type("area-code", "415");
        searchAndWaitForResults();

        byId("contains").sendKeys("7");
        assertThat(browser.findElements(By.cssSelector("#results button.buy"))).isEmpty();
        assertThat(byId("results-section").isDisplayed()).isFalse();

        searchAndWaitForResults();
        browser.findElement(By.cssSelector("input[name=capability][value=voice]")).click();
        assertThat(browser.findElements(By.cssSelector("#results button.buy"))).isEmpty();

        searchAndWaitForResults();
        new Select(byId("source")).selectByValue("account");
        assertThat(browser.findElements(By.cssSelector("#results button.buy"))).isEmpty();
    }

    @Test
    void aFailedSearchLeavesNoEarlierResultsBehindItsError() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        type("area-code", "415");
        assertThat(searchAndWaitForResults()).isNotEmpty();

        type("area-code", "12");
        click("search");

        waitForVisible("error");
        assertThat(browser.findElements(By.cssSelector("#results tbody tr"))).isEmpty();
        assertThat(byId("results-section").isDisplayed()).isFalse();
    }

    @Test
    void aSingleErrorIsShownOnceWithItsRequestId() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        type("area-code", "12");
        click("search");

        WebElement error = waitForVisible("error");
        assertThat(error.findElement(By.cssSelector(".problem-detail")).getText()).startsWith("filters.area_code:");
        assertThat(error.findElements(By.cssSelector("li.problem-error"))).isEmpty();
        assertThat(error.getText().split("filters.area_code", -1)).hasSize(2);
        assertThat(error.findElement(By.cssSelector(".request-id")).getText())
                .matches("Request id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void openAiConnectionsAreNotOfferedForNumberSearch() {
        String key = newUser();
        String sandbox = api().newSandboxConnection(key);
        String openAi = api().newConnection(key, Map.of("type", "account_connection_openai", "label", "LLM",
                "credentials", Map.of("openai_api_key", "sk-test0123456789abcdefghij")));
        openWithKey(key, sandbox);

        assertThat(new Select(byId("connection")).getOptions()).extracting(o -> o.getDomAttribute("value"))
                .contains(sandbox).doesNotContain(openAi);
        // it is still listed among the connections, as one that is not for numbers
        assertThat(browser.findElement(By.cssSelector("#connections-table tr[data-id='" + openAi + "']")).getText())
                .contains("not for numbers");
    }

    @Test
    void showMoreAsksAgainWithALargerLimitWhileTheAnswerHasMore() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        type("area-code", "415");
        type("limit", "5");
        assertThat(searchAndWaitForResults()).hasSize(5);
        assertThat(byId("summary").getText()).matches("5 of [0-9,]+( or more)? numbers on sale on Sandbox");

        click("more");

        waitUntil(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 25);
        assertThat(byId("limit").getDomProperty("value")).isEqualTo("25");
        assertThat(byId("summary").getText()).startsWith("25 of ");
    }

    @Test
    void anEmptyResultSuggestsBestEffortWhoseNearestNumbersAreMarked() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        type("area-code", "415");
        type("contains", "99999");
        click("search");

        WebElement empty = waitForVisible("empty");
        assertThat(empty.getText()).contains("Best effort");
        assertThat(browser.findElements(By.cssSelector("#results button.buy"))).isEmpty();

        click("retry-best-effort");

        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results tbody tr")));
        assertThat(byId("best-effort").isSelected()).isTrue();
        assertThat(byId("summary").getText()).contains("nearest numbers are marked");
        List<WebElement> rows = browser.findElements(By.cssSelector("#results tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.getDomAttribute("class")).contains("nearest");
            assertThat(row.getText()).contains("nearest match");
        });
    }

    @Test
    void eachBuyClickSendsItsOwnIdempotencyKey() {
        String key = newUser();
        openWithKey(key, api().newSandboxConnection(key));
        // record the Idempotency-Key of every call the page makes
        js("""
                window.sentKeys = [];
                const original = window.fetch;
                window.fetch = (url, init) => {
                  const h = (init && init.headers) || {};
                  if (h['Idempotency-Key']) { window.sentKeys.push(h['Idempotency-Key']); }
                  return original(url, init);
                };""");
        type("area-code", "415");
        List<WebElement> rows = searchAndWaitForResults();

        rows.get(0).findElement(By.cssSelector("button.buy")).click();
        waitUntil(d -> rows.get(0).getText().contains("Bought"));
        rows.get(1).findElement(By.cssSelector("button.buy")).click();
        waitUntil(d -> rows.get(1).getText().contains("Bought"));

        @SuppressWarnings("unchecked")
        List<String> keys = (List<String>) js("return window.sentKeys");
        assertThat(keys).hasSize(2).doesNotHaveDuplicates()
                .allMatch(k -> k.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }
}
