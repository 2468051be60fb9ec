package io.closeloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}); both paths are given, so Selenium never looks for or downloads a driver or a browser.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("closeloop.checkout", ".."))
            .resolve("e2e/target/screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String console;

    Browser(String console) {
        this.console = console;
        String chromedriver = System.getProperty("closeloop.chromedriver", "/usr/bin/chromedriver");
        System.setProperty("webdriver.chrome.driver", chromedriver);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("closeloop.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1366,900", "--lang=en-GB");
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Signs in through Keycloak's login page as a demo user, after forgetting whoever was signed in. */
    void signIn(String user) {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.get(console + "/work");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("closeloop");
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));
        assertThat(driver.findElement(By.id("signed-in-user")).getText()).isEqualTo(user);
    }

    void open(String path) {
        driver.get(console + path);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("main")));
    }

    WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void type(String id, String text) {
        WebElement field = find(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a date or month input, whose typed form depends on the browser's locale. */
    void setValue(String id, String value) {
        driver.executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    void choose(String id, String value) {
        new Select(find(By.id(id))).selectByValue(value);
    }

    /** Clicks and waits for the page that the form or link leads to. */
    void click(By by) {
        WebElement target = find(by);
        // The old document is marked; the next page is the first document without the mark.
        driver.executeScript("document.documentElement.setAttribute('data-left', 'yes');");
        target.click();
        wait.ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return !document.documentElement.hasAttribute('data-left') && document.readyState === 'complete';")));
    }

    /** The window's size, to see a page as a tablet shows it. */
    void viewport(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** A full-page PNG under e2e/target/screenshots: the test's artifact of what each user saw. */
    @SuppressWarnings("unchecked")
    void screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 6000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
