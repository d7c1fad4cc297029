package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.telnyx.TelnyxEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's default view, the search across every telephony connection at once (GET /v1/numbers/available/all):
 * ranked, bought in one click on the connection that offered the number, each connection's outcome shown; results
 * cleared when a filter or the connections chosen change; errors once with the request id; usable at 390 px.
 */
class ConsoleEverywhereTest extends ConsoleBrowserTest {

    @Test
    void searchesEveryConnectionByDefaultRankedAndBuysFromAnyOfThemInOneClick() {
        TelnyxEmulator telnyx = telnyx();
        telnyx.reset();
        String telnyxKey = "KEY01" + UUID.randomUUID().toString().replace("-", "") + "_console";
        telnyx.registerAccount(telnyxKey).addInventory(
                TelnyxEmulator.InventoryNumber.of("+14155550177", "US", NumberType.LOCAL).in("CA", "San Francisco", "SNFC CNTRL")
                        .price("0.25000", "0.00000"));
        String key = newUser();
        api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
        String telnyxConnection = api().newConnection(key, Map.of("type", "account_connection_telnyx", "label", "Telnyx",
                "credentials", Map.of("telnyx_api_key", telnyxKey)));
        openEverywhere(key, 2);

        type("all-area-code", "415");
        type("all-limit", "5");
        List<WebElement> rows = searchEverywhere();

        // Telnyx's 0.25 USD ranks before the sandbox's 1.15 USD
        assertThat(rows).hasSize(5);
        assertThat(rows.getFirst().getDomAttribute("data-provider")).isEqualTo("telnyx");
        assertThat(rows.getFirst().getText()).contains("+14155550177", "telnyx · Telnyx", "0.25 USD", "voice sms mms");
        assertThat(rows.subList(1, 5)).allSatisfy(row -> assertThat(row.getText()).contains("sandbox", "1.15 USD"));
        assertThat(browser.findElements(By.cssSelector("#all-sources li.source-ok"))).hasSize(2);

        rows.getFirst().findElement(By.cssSelector("button.buy")).click();

        assertThat(waitForVisible("all-message").getText()).isEqualTo("Bought +14155550177 on Telnyx");
        Response held = api().get("/v1/numbers?phone_number=%2B14155550177", key);
        assertThat(held.status()).as("%s", held).isEqualTo(200);
        assertThat(held.json().at("/telephony_account_connection/id").asString()).isEqualTo(telnyxConnection);
    }

    @Test
    void showsWhichConnectionFailedBesideTheNumbersOfTheOthers() {
        TelnyxEmulator telnyx = telnyx();
        telnyx.reset();
        String telnyxKey = "KEY01" + UUID.randomUUID().toString().replace("-", "") + "_console";
        telnyx.registerAccount(telnyxKey);
        telnyx.inject(TelnyxEmulator.Fault.rateLimited(Duration.ofSeconds(30)));
        try {
            String key = newUser();
            api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
            String telnyxConnection = api().newConnection(key, Map.of("type", "account_connection_telnyx",
                    "label", "Telnyx", "credentials", Map.of("telnyx_api_key", telnyxKey)));
            openEverywhere(key, 2);
            type("all-area-code", "415");

            assertThat(searchEverywhere()).isNotEmpty().allSatisfy(row ->
                    assertThat(row.getDomAttribute("data-provider")).isEqualTo("sandbox"));
            WebElement failed = browser.findElement(By.cssSelector("#all-sources li.source-failed"));
            assertThat(failed.getDomAttribute("data-connection")).isEqualTo(telnyxConnection);
            assertThat(failed.getText()).contains("Telnyx · telnyx: failed", "rate-limiting", "retry after 30 s");
        } finally {
            telnyx.clearFaults();
        }
    }

    @Test
    void changingAFilterOrTheConnectionsChosenClearsTheResultsAndNoEarlierBuyButtonActs() {
        String key = newUser();
        String alpha = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Alpha"));
        String beta = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Beta"));
        openEverywhere(key, 2);
        type("all-area-code", "415");
        WebElement earlierBuy = searchEverywhere().getFirst().findElement(By.cssSelector("button.buy"));

        byId("all-contains").sendKeys("7");
        assertThat(byId("all-results-section").isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#all-results button.buy"))).isEmpty();

        searchEverywhere();
        chooseConnection(alpha).click();
        assertThat(byId("all-results-section").isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#all-results button.buy"))).isEmpty();
        assertThat(canAct(earlierBuy)).as("a Buy button of the earlier results").isFalse();

        // only Beta is asked now, and what it offers is bought on Beta
        List<WebElement> rows = searchEverywhere();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getDomAttribute("data-connection")).isEqualTo(beta));
        assertThat(browser.findElements(By.cssSelector("#all-sources li"))).hasSize(1);
        String number = rows.getFirst().getDomAttribute("data-number");
        rows.getFirst().findElement(By.cssSelector("button.buy")).click();
        assertThat(waitForVisible("all-message").getText()).isEqualTo("Bought " + number + " on Beta");

        // no connection chosen: nothing can be searched
        chooseConnection(beta).click();
        assertThat(byId("all-search").isEnabled()).isFalse();
    }

    @Test
    void aFailedSearchShowsItsProblemOnceWithTheRequestIdAndNoEarlierResults() {
        String key = newUser();
        api().newSandboxConnection(key);
        openEverywhere(key, 1);
        type("all-area-code", "415");
        assertThat(searchEverywhere()).isNotEmpty();

        type("all-area-code", "12");
        click("all-search");

        WebElement error = waitForVisible("all-error");
        assertThat(error.findElements(By.cssSelector(".problem-detail"))).hasSize(1);
        assertThat(error.getText()).contains("area_code").containsOnlyOnce("Request id ");
        assertThat(browser.findElements(By.cssSelector("#all-results tbody tr"))).isEmpty();
        assertThat(byId("all-results-section").isDisplayed()).isFalse();
    }

    @Test
    void aProblemWhoseDetailIsAListShowsItsTitleAndEachEntry() {
        String key = newUser();
        openEverywhere(key, 0);
        // the platform SDK's 422 shape: detail as a list of {loc, msg, type}, beside title, errors and request_id
        String[] shown = String.valueOf(asyncJs("""
                const done = arguments[arguments.length - 1];
                import('/console/api.js').then((api) => {
                  const notices = api.noticesOf('all');
                  notices.problem(new api.ApiError(422, { title: 'Unprocessable Entity', request_id: 'req_1',
                    detail: [{ loc: ['query', 'limit'], msg: 'must be from 1 to 100', type: 'value_error' },
                             { loc: ['filters', 'colour'], msg: 'unknown filter', type: 'value_error' }] }, 'req_1'));
                  const first = document.getElementById('all-error').innerText;
                  notices.problem(new api.ApiError(422, { title: 'Unprocessable Entity', request_id: 'req_2',
                    detail: [{ loc: ['query', 'limit'], msg: 'ignored when errors are given', type: 'value_error' }],
                    errors: [{ parameter: 'limit', message: 'must be from 1 to 100' }] }, 'req_2'));
                  const head = document.querySelector('#all-error .problem-detail').innerText;
                  done(first + '|' + document.getElementById('all-error').innerText + '|' + head);
                });""")).split("\\|");
        assertThat(shown[0]).contains("Unprocessable Entity", "query.limit: must be from 1 to 100",
                "filters.colour: unknown filter", "Request id req_1").doesNotContain("[object");
        // one invalid parameter heads the problem itself, shown once
        assertThat(shown[2]).isEqualTo("limit: must be from 1 to 100");
        assertThat(shown[1]).contains("Request id req_2").doesNotContain("ignored", "req_1", "Unprocessable Entity");
        assertThat(shown[1].split("must be from 1 to 100", -1)).hasSize(2);
    }

    @Test
    void fitsA390PixelScreenAndIsReachedByKeyboard() {
        String key = newUser();
        api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "A sandbox with a rather long label for a phone"));
        api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Second"));
        narrow();
        openEverywhere(key, 2);
        type("all-area-code", "415");
        searchEverywhere();
        assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);

        js("document.getElementById('all-search').focus()");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        // from the Search button, the keyboard reaches the first Buy button of the results
        for (int i = 0; i < 20 && !"buy".equals(js("return document.activeElement.className")); i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertThat(js("return document.activeElement.className")).isEqualTo("buy");
        assertThat(js("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
    }

    private void openEverywhere(String key, int telephonyConnections) {
        openWithKey(key);
        waitUntil(d -> browser.findElements(By.cssSelector("#all-connections input[name=all-connection]:checked")).size()
                == telephonyConnections);
        if (telephonyConnections > 0) {
            waitUntil(ExpectedConditions.elementToBeClickable(By.id("all-search")));
        }
    }

    private WebElement chooseConnection(String id) {
        return browser.findElement(By.cssSelector("#all-connections input[value='" + id + "']"));
    }

    private List<WebElement> searchEverywhere() {
        click("all-search");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("all-results-section")));
        return browser.findElements(By.cssSelector("#all-results tbody tr"));
    }

    private Object asyncJs(String script) {
        return browser.executeAsyncScript(script);
    }
}
