package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Not a test: the helper that takes the screenshots of each console view in {@code docs/console/}, run by hand
 * (it is skipped unless asked for, so the suite never writes into the docs):
 * <pre>./mvnw -q test -Dtest=ConsoleScreenshots -Dconsole.screenshots=docs/console</pre>
 * It fills a fresh user's console through the API and the page, as a user would, then photographs each view.
 */
@EnabledIfSystemProperty(named = "console.screenshots", matches = ".+")
class ConsoleScreenshots extends ConsoleBrowserTest {

    @Test
    void photographsEachView() throws IOException {
        Path dir = Path.of(System.getProperty("console.screenshots"));
        Files.createDirectories(dir);
        String key = newUser();
        String sandbox = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
        api().newConnection(key, Map.of("type", "account_connection_twilio", "label", "Twilio main",
                "credentials", Map.of("twilio_account_sid", "AC0123456789abcdef0123456789abcdef",
                        "twilio_auth_token", "0123456789abcdefABCDEF0123456789")));
        var prompt = api().post("/v1/prompts/create", key, Map.of("label", "Front desk",
                "content", "You are the front desk of a dental practice. Greet the caller and book appointments."));
        String agent = api().post("/v1/agents/create", key, Map.of("name", "Front desk",
                "prompt", prompt.json().get("id").asString())).json().get("id").asString();
        String first = buyThroughApi(key, sandbox, "415");
        buyThroughApi(key, sandbox, "212");
        buyThroughApi(key, sandbox, "312");
        api().post("/v1/numbers/update?phone_number=" + first.replace("+", "%2B"), key,
                Map.of("label", "Support line", "inbound_agent", agent));

        // a key revoked and another one at hand, beside the one the console uses
        String old = api().post("/v1/api_keys/create", key, "").json().get("id").asString();
        api().post("/v1/api_keys/create", key, "");
        api().post("/v1/api_keys/revoke?id=" + old, key, "");

        openWithKey(key, sandbox);
        // the top of the page with a key in use: header, the views, the key
        viewport(1100, 420);
        js("window.scrollTo(0, 0)");
        Files.write(dir.resolve("key.png"), browser.getScreenshotAs(OutputType.BYTES));
        // tall enough that every view fits whole: an element is photographed within the viewport
        viewport(1100, 2400);
        // the user's keys, one of them being revoked (the new-key panel is not photographed: it shows a key's value)
        waitUntil(d -> d.findElements(By.cssSelector("#keys-table button.revoke")).size() == 2);
        browser.findElements(By.cssSelector("#keys-table button.revoke")).get(1).click();
        shoot(byId("key-section"), dir.resolve("keys.png"));
        browser.findElement(By.cssSelector("#keys-table button.keep")).click();
        // the default view: every connection asked at once, ranked, with what each answered
        waitUntil(ExpectedConditions.elementToBeClickable(By.id("all-search")));
        type("all-area-code", "415");
        type("all-limit", "6");
        click("all-search");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#all-results tbody tr")));
        shoot(byId("everywhere-section"), dir.resolve("everywhere.png"));
        shoot(byId("connections-section"), dir.resolve("connections.png"));
        click("connections-table");
        browser.findElement(By.cssSelector("#connections-table button.edit")).click();
        shoot(byId("connections-section"), dir.resolve("connections-edit.png"));
        click("close-connection-edit");

        type("area-code", "415");
        browser.findElement(By.cssSelector("input[name=capability][value=sms]")).click();
        type("limit", "8");
        searchAndWaitForResults();
        shoot(byId("search-section"), dir.resolve("search.png"));

        type("contains", "99999");
        click("search");
        waitForVisible("empty");
        shoot(byId("search-section"), dir.resolve("search-empty.png"));
        click("retry-best-effort");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results tbody tr")));
        shoot(byId("search-section"), dir.resolve("search-best-effort.png"));

        type("area-code", "12");
        click("search");
        waitForVisible("error");
        shoot(byId("search-section"), dir.resolve("search-error.png"));

        shoot(byId("numbers-section"), dir.resolve("numbers.png"));
        browser.findElement(By.cssSelector("#numbers-table button.cancel")).click();
        shoot(byId("numbers-section"), dir.resolve("numbers-cancel.png"));
        browser.findElement(By.cssSelector("#numbers-table button.keep")).click();
        shoot(byId("agents-section"), dir.resolve("agents.png"));

        viewport(390, 2400);
        browser.navigate().refresh();
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#numbers-table tbody tr")));
        pickConnection(sandbox);
        type("area-code", "415");
        type("limit", "3");
        searchAndWaitForResults();
        assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
        shoot(byId("search-section"), dir.resolve("narrow-search.png"));
        type("all-area-code", "415");
        type("all-limit", "3");
        click("all-search");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#all-results tbody tr")));
        assertThat((Long) js("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
        shoot(byId("everywhere-section"), dir.resolve("narrow-everywhere.png"));
        shoot(byId("numbers-section"), dir.resolve("narrow-numbers.png"));
    }

    private void shoot(WebElement element, Path file) throws IOException {
        js("arguments[0].scrollIntoView()", element);
        Files.write(file, element.getScreenshotAs(OutputType.BYTES));
    }
}
