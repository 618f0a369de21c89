package io.wadesk.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per test, driven through Debian's chromedriver. Both paths are given explicitly, so Selenium
 * Manager never looks for (or downloads) a driver or a browser; without them the test fails saying what to install.
 * Every {@link #shot step} is saved under {@code target/browser-screenshots/<class>/<test>/}, and a failing test also
 * leaves the source and a screenshot of each open window there.
 *
 * <p>Register it on a field: {@code @RegisterExtension final Browser browser = new Browser();}.
 */
public final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    static final Path CHROMIUM = Path.of(System.getProperty("wadesk.browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getProperty("wadesk.browser.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private ChromeDriver driver;
    private Path directory;
    private final AtomicInteger step = new AtomicInteger();

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = SCREENSHOTS
                .resolve(context.getRequiredTestClass().getSimpleName())
                .resolve(context.getRequiredTestMethod().getName());
        if (Files.isDirectory(directory)) {
            try (var old = Files.list(directory)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
        driver = start();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && driver != null) {
            saveFailure();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private static ChromeDriver start() {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("The browser tests need Debian's Chromium and its driver, but "
                        + executable + " is missing: apt-get install chromium chromium-driver (scripts/test does)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                // CI runs as root, where Chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-extensions",
                "--no-first-run",
                "--window-size=1280,900",
                "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        // An alert left open must not be dismissed behind the test's back: the XSS scenario looks for one.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot of the current window as the test's next numbered step. */
    public void shot(String name) {
        Path file = directory.resolve(String.format("%02d-%s.png", step.incrementAndGet(), name));
        try {
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void saveFailure() {
        String current = null;
        try {
            current = driver.getWindowHandle();
        } catch (RuntimeException ignored) {
            // An open alert or a closed window: the other windows are still worth saving.
        }
        int window = 0;
        for (String handle : driver.getWindowHandles()) {
            window++;
            try {
                driver.switchTo().window(handle);
                Files.writeString(
                        directory.resolve("failure-window-" + window + ".html"),
                        driver.getCurrentUrl() + "\n" + driver.getPageSource(),
                        StandardCharsets.UTF_8);
                Files.move(
                        driver.getScreenshotAs(OutputType.FILE).toPath(),
                        directory.resolve("failure-window-" + window + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException ex) {
                System.err.println("Browser: could not save window " + window + " after the failure: " + ex);
            }
        }
        if (current != null) {
            driver.switchTo().window(current);
        }
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Opens a second browser window (a window, not a tab, so that neither is throttled as a hidden page). */
    public String newWindow(String url) {
        driver.switchTo().newWindow(WindowType.WINDOW);
        driver.get(url);
        return driver.getWindowHandle();
    }

    public String window() {
        return driver.getWindowHandle();
    }

    public void switchTo(String window) {
        driver.switchTo().window(window);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits up to {@code timeout} for a condition, polling every 50 ms; htmx swaps make elements go stale. */
    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        wait.withMessage(what);
        return wait.until(condition);
    }

    /**
     * Starts watching the current window for an element matching {@code css} whose text contains {@code text}: the
     * page itself notes the moment one appears (a MutationObserver), so the time measured does not depend on when the
     * test looks, nor on which window it is driving meanwhile. Read it with {@link #appeared}.
     */
    public void watchFor(String key, String css, String text) {
        script("""
                var key = arguments[0], css = arguments[1], text = arguments[2];
                window.wadeskSeen = window.wadeskSeen || {};
                delete window.wadeskSeen[key];
                var check = function () {
                  if (window.wadeskSeen[key]) { return; }
                  var found = Array.prototype.some.call(document.querySelectorAll(css),
                      function (e) { return e.textContent.indexOf(text) >= 0; });
                  if (found) { window.wadeskSeen[key] = Date.now(); }
                };
                new MutationObserver(check).observe(document.documentElement,
                    {childList: true, subtree: true, characterData: true});
                check();
                """, key, css, text);
    }

    /**
     * When the watched element appeared in this window's page, waiting for it at most {@code timeout}; fails if it
     * never did.
     */
    public Instant appeared(String key, Duration timeout) {
        Object millis = await(
                timeout,
                key + " on the page",
                d -> script("return (window.wadeskSeen || {})[arguments[0]] || null;", key));
        return Instant.ofEpochMilli(((Number) millis).longValue());
    }

    /** Marks the current document; {@link #stillSameDocument()} tells whether the page was reloaded since. */
    public void markDocument() {
        script("window.wadeskTestMarker = 'not reloaded';");
    }

    public boolean stillSameDocument() {
        return "not reloaded".equals(script("return window.wadeskTestMarker || null;"));
    }
}
