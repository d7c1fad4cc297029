package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.support.OnEmbeddedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * The console page at {@code /} in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * driven by Selenium), against the running service: what every console test shares. Skipped with an explanation
 * where no browser is installed; {@code .ci/run} installs one and makes it mandatory
 * ({@code SWITCHBOARD_REQUIRE_BROWSER=true}).
 * <p>
 * Every page load records what the page's Content-Security-Policy blocked (a script run by the browser before the
 * page's own, so nothing escapes it), and every test ends by checking that nothing was: the page must work under
 * a policy without {@code unsafe-inline}.
 */
abstract class ConsoleBrowserTest extends OnEmbeddedDatabase {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SWITCHBOARD_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("SWITCHBOARD_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(30);

    // Kept in sessionStorage (which survives reloads of the tab), so violations on any load of the page count.
    private static final String RECORD_POLICY_VIOLATIONS = """
            document.addEventListener('securitypolicyviolation', (e) => {
              const seen = JSON.parse(sessionStorage.getItem('test.violations') || '[]');
              seen.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
              sessionStorage.setItem('test.violations', JSON.stringify(seen));
            });
            """;

    // One browser per test class: starting Chromium is most of a short test's time. Each test starts on a blank
    // tab with nothing of the previous test left in the page's storage.
    protected static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "No headless browser at " + CHROMIUM + " and " + CHROMEDRIVER + ": install Debian's with "
                + "`apt-get install -y chromium chromium-driver` (or point SWITCHBOARD_TEST_CHROMIUM and "
                + "SWITCHBOARD_TEST_CHROMEDRIVER at a Chromium and its driver) to run the console page test";
        if (!installed && "true".equals(System.getenv("SWITCHBOARD_REQUIRE_BROWSER"))) {
            fail(missing);
        }
        Assumptions.assumeTrue(installed, missing);
        profile = Files.createTempDirectory("switchboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_POLICY_VIOLATIONS));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @BeforeEach
    void blankTab() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.get("about:blank");
    }

    @AfterEach
    void nothingWasBlockedByThePolicy() {
        if (browser.getCurrentUrl() == null || !browser.getCurrentUrl().startsWith(baseUrl())) {
            return;
        }
        try {
            assertThat(js("return JSON.parse(sessionStorage.getItem('test.violations') || '[]')"))
                    .as("what the page's Content-Security-Policy blocked")
                    .asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
        } finally {
            js("sessionStorage.clear()");
        }
    }

    /** Opens the page, uses the key, and waits until the views have loaded what the key can see. */
    void openWithKey(String key) {
        browser.get(baseUrl() + "/");
        assertThat(browser.getTitle()).isEqualTo("Switchboard console");
        type("api-key", key);
        click("use-key");
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("connections-section")));
        // the connection picker is filled (or says there is none) once the connections have loaded
        // (read in the page: the options are replaced as they load, so an element found here may be gone a moment later)
        waitUntil(d -> !String.valueOf(js("return document.querySelector('#connection option').textContent")).startsWith("Paste"));
    }

    /** Opens the page with the key and picks a connection in the search view. */
    void openWithKey(String key, String connection) {
        openWithKey(key);
        pickConnection(connection);
    }

    void pickConnection(String connection) {
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#connection option[value='" + connection + "']")));
        new Select(browser.findElement(By.id("connection"))).selectByValue(connection);
        waitUntil(ExpectedConditions.elementToBeClickable(By.id("search")));
    }

    /** Shows the page as a 390 px wide phone screen would. */
    void narrow() {
        viewport(390, 844);
    }

    /** Shows the page in a viewport of this size (a width under 640 px as a phone: mobile, viewport meta honoured). */
    void viewport(int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 640));
    }

    List<WebElement> searchAndWaitForResults() {
        click("search");
        return waitForResults();
    }

    List<WebElement> waitForResults() {
        waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("results-section")));
        return browser.findElements(By.cssSelector("#results tbody tr"));
    }

    /** The text of a view's visible notice box (#<id>), once it shows. */
    WebElement waitForVisible(String id) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    <T> T waitUntil(Function<? super WebDriver, T> condition) {
        // the views redraw their tables as answers arrive: an element found a moment ago may have been replaced
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    void select(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    /** Whether a button of the page can still be clicked: shown and enabled, not removed by a redraw. */
    static boolean canAct(WebElement button) {
        try {
            return button.isDisplayed() && button.isEnabled();
        } catch (StaleElementReferenceException removed) {
            return false;
        }
    }

    WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    String baseUrl() {
        return api().builder("/").build().uri().toString().replaceFirst("/$", "");
    }

    /** Buys a number on sale in the area through the API (not the page); returns it. */
    String buyThroughApi(String key, String connection, String areaCode) {
        var bought = api().post("/v1/numbers/buy", key,
                Map.of("area_code", areaCode, "telephony_account_connection", connection));
        assertThat(bought.status()).as("%s", bought).isEqualTo(200);
        return bought.json().get("number").asString();
    }
}
