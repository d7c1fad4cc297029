package dev.switchboard.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.support.ApiClient.Response;
import dev.switchboard.support.OnEmbeddedDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.telnyx.TelnyxEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * The console page at {@code /}, clicked through in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium): paste a key, pick the sandbox connection, search, buy or link,
 * see problems.
 * Skipped with an explanation where no browser is installed; {@code .ci/run} installs one and makes it mandatory
 * ({@code SWITCHBOARD_REQUIRE_BROWSER=true}).
 */
class ConsolePageTest extends OnEmbeddedDatabase {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("SWITCHBOARD_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("SWITCHBOARD_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
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
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

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
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return sessionStorage.getItem('switchboard.apiKey')")).isEqualTo(key);
        assertThat(js.executeScript("return localStorage.length")).isEqualTo(0L);
    }

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
        openWithKeyOnAllConnections(key);

        type("area-code", "415");
        type("limit", "5");
        browser.findElement(By.id("search")).click();

        List<WebElement> rows = waitForResults();
        // Telnyx's 0.25 USD ranks before the sandbox's 1.15 USD
        assertThat(rows).hasSize(5);
        assertThat(rows.getFirst().getDomAttribute("data-provider")).isEqualTo("telnyx");
        assertThat(rows.getFirst().getText()).contains("+14155550177", "telnyx · Telnyx", "0.25 USD", "voice sms mms");
        assertThat(rows.subList(1, 5)).allSatisfy(row -> assertThat(row.getText()).contains("sandbox", "1.15 USD"));
        assertThat(browser.findElements(By.cssSelector("#sources li.source-ok"))).hasSize(2);

        rows.getFirst().findElement(By.cssSelector("button.buy")).click();

        WebElement message = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(message.getText()).isEqualTo("Bought +14155550177 on Telnyx");
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
            openWithKeyOnAllConnections(key);
            type("area-code", "415");
            browser.findElement(By.id("search")).click();

            assertThat(waitForResults()).isNotEmpty().allSatisfy(row ->
                    assertThat(row.getDomAttribute("data-provider")).isEqualTo("sandbox"));
            WebElement failed = browser.findElement(By.cssSelector("#sources li.source-failed"));
            assertThat(failed.getDomAttribute("data-connection")).isEqualTo(telnyxConnection);
            assertThat(failed.getText()).contains("Telnyx · telnyx: failed", "rate-limiting", "retry after 30 s");
        } finally {
            telnyx.clearFaults();
        }
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

        WebElement message = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
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

        WebElement message = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
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

        WebElement error = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
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
        WebElement error = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("not a valid API key");
    }

    private void openWithKey(String key, String connection) {
        browser.get(baseUrl() + "/");
        assertThat(browser.getTitle()).isEqualTo("Switchboard console");
        type("api-key", key);
        browser.findElement(By.id("use-key")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#connection option[value='" + connection + "']")));
        new Select(browser.findElement(By.id("connection"))).selectByValue(connection);
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("search")));
    }

    private void openWithKeyOnAllConnections(String key) {
        browser.get(baseUrl() + "/");
        type("api-key", key);
        browser.findElement(By.id("use-key")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("search")));
        assertThat(new Select(browser.findElement(By.id("connection"))).getFirstSelectedOption().getDomAttribute("value"))
                .as("the search across every connection is the default").isEqualTo("all");
    }

    private List<WebElement> waitForResults() {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("results-section")));
        return browser.findElements(By.cssSelector("#results tbody tr"));
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private String baseUrl() {
        return api().builder("/").build().uri().toString().replaceFirst("/$", "");
    }
}
