package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The user's API keys on the key view: listed masked, a new one shown once (and usable at once, here or elsewhere),
 * one revoked after the row asked; revoking the console's own key signs it out, and the last active key stays.
 */
class ConsoleKeysTest extends ConsoleBrowserTest {

    @Test
    void listsTheKeyInUseMaskedAndMarkedAsThisConsoles() {
        String key = newUser();
        openWithKey(key);

        WebElement row = waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#keys-table tbody tr")));
        assertThat(row.findElement(By.cssSelector("td.secret")).getText()).isEqualTo(key.substring(0, 9) + "… this console");
        assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("active");
        assertThat(row.findElement(By.cssSelector("td.when time")).getDomAttribute("datetime")).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#keys-table tbody tr"))).hasSize(1);
        assertThat(leftInThePage(key)).isFalse();
    }

    @Test
    void aCreatedKeyIsShownOnceWorksAndTheConsoleCanSwitchToIt() {
        String key = newUser();
        openWithKey(key);
        waitUntil(d -> keyRows().size() == 1);

        click("create-key");
        WebElement panel = waitForVisible("new-key");
        assertThat(panel.getText()).contains("Copy it now: it will not be shown again.");
        String created = byId("new-key-value").getDomProperty("value");
        assertThat(created).startsWith("sb_").isNotEqualTo(key);
        // the key works at once, anywhere: the test calls the API with it
        Response list = api().get("/v1/api_keys/list", created);
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.json().get("items")).hasSize(2);
        waitUntil(d -> keyRows().size() == 2);
        assertThat(keyRows().get(1).findElement(By.cssSelector("td.secret")).getText()).isEqualTo(created.substring(0, 9) + "…");

        click("use-new-key");
        assertThat(waitForVisible("key-message").getText()).isEqualTo("This console now uses key " + created.substring(0, 9) + "….");
        assertThat(js("return sessionStorage.getItem('switchboard.apiKey')")).isEqualTo(created);
        waitUntil(d -> keyRows().size() == 2
                && keyRows().get(1).findElement(By.cssSelector("td.secret")).getText().endsWith("this console"));
        // shown once: the panel is gone and nothing of the value is left in the page
        assertThat(byId("new-key").isDisplayed()).isFalse();
        assertThat(leftInThePage(created)).isFalse();
        assertThat(visibleErrors()).isEmpty();
    }

    @Test
    void aHiddenNewKeyIsNotShownAgain() {
        String key = newUser();
        openWithKey(key);
        click("create-key");
        waitForVisible("new-key");
        String created = byId("new-key-value").getDomProperty("value");
        assertThat(leftInThePage(created)).as("shown while the panel is open").isTrue();

        click("hide-new-key");
        assertThat(byId("new-key").isDisplayed()).isFalse();
        click("keys-refresh");
        waitUntil(d -> keyRows().size() == 2);
        assertThat(leftInThePage(created)).isFalse();
        assertThat(js("return sessionStorage.getItem('switchboard.apiKey')")).as("the console keeps its key").isEqualTo(key);
    }

    @Test
    void revokesAnotherKeyOnlyAfterTheConfirmationAndTheApiRefusesItThen() {
        String key = newUser();
        String other = api().post("/v1/api_keys/create", key, "").json().get("api_key").asString();
        openWithKey(key);
        waitUntil(d -> keyRows().size() == 2);
        WebElement row = keyRows().get(1);

        row.findElement(By.cssSelector("button.revoke")).click();
        assertThat(row.findElement(By.cssSelector(".confirm")).getText())
                .startsWith("Revoke " + other.substring(0, 9) + "…?").contains("refused");
        row.findElement(By.cssSelector("button.keep")).click();
        assertThat(row.findElements(By.cssSelector("button.confirm-revoke"))).isEmpty();
        assertThat(api().get("/v1/api_keys/list", other).status()).isEqualTo(200);

        row.findElement(By.cssSelector("button.revoke")).click();
        row.findElement(By.cssSelector("button.confirm-revoke")).click();

        assertThat(waitForVisible("key-message").getText()).isEqualTo("Revoked " + other.substring(0, 9) + "….");
        waitUntil(d -> keyRows().get(1).findElement(By.cssSelector("td.state")).getText().equals("revoked"));
        WebElement revoked = keyRows().get(1);
        assertThat(revoked.findElements(By.cssSelector("td.when time"))).hasSize(2);
        assertThat(revoked.findElements(By.cssSelector("button.revoke"))).isEmpty();
        assertThat(api().get("/v1/api_keys/list", other).status()).isEqualTo(401);
        // the console's own key is untouched: still signed in
        assertThat(byId("keys-manage").isDisplayed()).isTrue();
        assertThat(byId("connections-section").isDisplayed()).isTrue();
    }

    @Test
    void revokingTheKeyInUseSignsTheConsoleOutShowingTheRefusalOnce() {
        String key = newUser();
        api().post("/v1/api_keys/create", key, "");
        openWithKey(key);
        waitUntil(d -> keyRows().size() == 2);
        WebElement mine = keyRows().getFirst();

        mine.findElement(By.cssSelector("button.revoke")).click();
        assertThat(mine.findElement(By.cssSelector(".confirm")).getText()).contains("This console uses it");
        mine.findElement(By.cssSelector("button.confirm-revoke")).click();

        WebElement error = waitForVisible("key-error");
        assertThat(error.findElement(By.cssSelector(".problem-detail")).getText()).isEqualTo("The bearer token is not a valid API key");
        assertThat(error.findElement(By.cssSelector(".request-id")).getText()).startsWith("Request id ");
        assertThat(visibleErrors()).hasSize(1);
        assertThat(byId("key-message").isDisplayed()).isFalse();
        assertThat(byId("api-key").isDisplayed()).isTrue();
        assertThat(byId("keys-manage").isDisplayed()).isFalse();
        assertThat(byId("connections-section").isDisplayed()).isFalse();
        assertThat(js("return sessionStorage.getItem('switchboard.apiKey')")).isNull();
        assertThat(api().get("/v1/api_keys/list", key).status()).isEqualTo(401);
    }

    @Test
    void revokingTheLastActiveKeyShowsTheConflictOnceAndKeepsIt() {
        String key = newUser();
        openWithKey(key);
        WebElement row = waitUntil(d -> keyRows().size() == 1 ? keyRows().getFirst() : null);

        row.findElement(By.cssSelector("button.revoke")).click();
        row.findElement(By.cssSelector("button.confirm-revoke")).click();

        WebElement error = waitForVisible("key-error");
        assertThat(error.findElement(By.cssSelector(".problem-detail")).getText())
                .isEqualTo("This is the user's only active API key; create another one first");
        assertThat(error.findElement(By.cssSelector(".request-id")).getText()).startsWith("Request id ");
        assertThat(visibleErrors()).hasSize(1);
        // the row offers Revoke again; the key still works and the console still uses it
        assertThat(row.findElements(By.cssSelector("button.revoke"))).hasSize(1);
        assertThat(row.findElement(By.cssSelector("td.state")).getText()).isEqualTo("active");
        assertThat(byId("keys-manage").isDisplayed()).isTrue();
        assertThat(api().get("/v1/api_keys/list", key).status()).isEqualTo(200);
    }

    @Test
    void fitsAPhoneScreenAndIsWorkedByKeyboard() {
        String key = newUser();
        api().post("/v1/api_keys/create", key, "");
        narrow();
        openWithKey(key);
        waitUntil(d -> keyRows().size() == 2);

        byId("create-key").sendKeys(Keys.ENTER);
        waitForVisible("new-key");
        assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
        // the new key has the focus, selected for copying; Tab reaches Copy
        assertThat(js("return document.activeElement.id")).isEqualTo("new-key-value");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.activeElement.id")).isEqualTo("copy-new-key");

        WebElement second = keyRows().get(1);
        second.findElement(By.cssSelector("button.revoke")).sendKeys(Keys.ENTER);
        assertThat(js("return document.activeElement.className")).isEqualTo("keep");
        assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(js("return document.activeElement.className")).isEqualTo("revoke");
    }

    /** Whether the page still holds the key: in its markup, its text, or the value of one of its inputs. */
    private boolean leftInThePage(String key) {
        return browser.getPageSource().contains(key) || (Boolean) js("""
                const k = arguments[0];
                return document.body.innerText.includes(k)
                  || [...document.querySelectorAll('input, textarea')].some(i => i.value.includes(k))""", key);
    }

    private List<WebElement> keyRows() {
        return browser.findElements(By.cssSelector("#keys-table tbody tr"));
    }

    private List<WebElement> visibleErrors() {
        return browser.findElements(By.cssSelector(".error")).stream().filter(WebElement::isDisplayed).toList();
    }
}
