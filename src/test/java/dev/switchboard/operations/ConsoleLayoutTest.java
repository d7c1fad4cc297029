package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The page as a whole: usable on a 390 px screen without sideways scrolling, by keyboard alone (every main action
 * reached by Tab, focus shown, Enter acts), under a Content-Security-Policy without {@code unsafe-inline}, with a
 * favicon.
 */
class ConsoleLayoutTest extends ConsoleBrowserTest {

    @Test
    void everyViewFitsA390PixelScreenWithoutSidewaysScrolling() {
        String key = newUser();
        String sandbox = api().newConnection(key, Map.of("type", "account_connection_sandbox", "label", "Try-out"));
        api().newConnection(key, Map.of("type", "account_connection_twilio", "label", "Twilio account with a long label",
                "credentials", Map.of("twilio_account_sid", "AC0123456789abcdef0123456789abcdef",
                        "twilio_auth_token", "0123456789abcdefABCDEF0123456789")));
        api().post("/v1/agents/create", key, Map.of("name", "An agent with a rather long name for a small screen"));
        buyThroughApi(key, sandbox, "415");
        narrow();
        openWithKey(key, sandbox);
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#numbers-table tbody tr")));
        assertFits("the loaded views");

        type("area-code", "415");
        searchAndWaitForResults();
        assertFits("search results");

        browser.findElement(By.cssSelector("#connections-table button.edit")).click();
        assertFits("a connection being edited");
        browser.findElement(By.cssSelector("#numbers-table button.cancel")).click();
        assertFits("a cancellation asked");

        type("area-code", "12");
        click("search");
        waitForVisible("error");
        assertFits("an error");
    }

    @Test
    void theMainActionsAreReachedByTabShowTheirFocusAndActOnEnter() {
        String key = newUser();
        String sandbox = api().newSandboxConnection(key);
        browser.get(baseUrl() + "/");

        assertThat(tabUntil("api-key")).isTrue();
        new Actions(browser).sendKeys(key).sendKeys(Keys.TAB).perform();
        assertThat(focused()).isEqualTo("use-key");
        assertThat(js("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#connection option[value='" + sandbox + "']")));

        // (Search stays disabled until a connection is picked: it is reached below, once one is)
        List<String> order = tabThroughThePage();
        assertThat(order).containsSubsequence("connections-section-link", "search-section-link", "numbers-section-link",
                "agents-section-link", "api-key", "use-key", "forget-key", "revoke", "create-key", "new-connection-type", "create-connection",
                "connection", "area-code", "best-effort", "numbers-sort", "numbers-refresh", "agent-name", "agent-prompt",
                "create-agent");

        // pick the connection and search with the keyboard; Tab then reaches the first Buy button
        assertThat(tabUntil("connection")).isTrue();
        new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
        waitUntil(ExpectedConditions.elementToBeClickable(By.id("search")));
        assertThat(tabUntil("area-code")).isTrue();
        new Actions(browser).sendKeys("415").perform();
        assertThat(tabUntil("search")).isTrue();
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        List<WebElement> rows = waitForResults();
        assertThat(tabUntil("buy")).isTrue();
        assertThat(js("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(waitForVisible("message").getText()).isEqualTo("Bought " + rows.getFirst().getDomAttribute("data-number") + " on Sandbox");
    }

    @Test
    void servesAFaviconAndThePageUnderAPolicyWithoutInlineScriptOrStyle() {
        Response favicon = api().get("/favicon.ico", null);
        assertThat(favicon.status()).isEqualTo(200);
        assertThat(favicon.header("Content-Type")).startsWith("image/");
        Response page = api().get("/", null);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "style-src 'self'")
                .doesNotContain("unsafe-inline");

        String key = newUser();
        String sandbox = api().newSandboxConnection(key);
        openWithKey(key, sandbox);
        type("area-code", "415");
        searchAndWaitForResults();
        // nothing inline that such a policy would block, in the page as served or as the scripts built it
        assertThat(js("""
                return [...document.querySelectorAll('script:not([src]), style, [style]')].length
                  + [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length""")).isEqualTo(0L);
        assertThat(js("return [...document.querySelectorAll('link[rel=icon]')].map(l => l.href).join()"))
                .isEqualTo(baseUrl() + "/favicon.svg");
    }

    private void assertFits(String what) {
        assertThat((Long) js("return document.documentElement.scrollWidth")).as("page width with %s", what)
                .isLessThanOrEqualTo(390L);
    }

    // What has the focus: its id, a nav link as <target>-link, a button by its class.
    private String focused() {
        return String.valueOf(js("""
                const e = document.activeElement;
                if (e.id) return e.id;
                if (e.tagName === 'A' && e.hash) return e.hash.slice(1) + '-link';
                return e.className || e.tagName;"""));
    }

    private boolean tabUntil(String target) {
        for (int i = 0; i < 200; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            if (focused().equals(target)) {
                return true;
            }
        }
        return false;
    }

    private List<String> tabThroughThePage() {
        js("document.activeElement.blur()");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            order.add(focused());
        }
        return order;
    }
}
