package io.spillway.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Debian's chromedriver, for the console's browser tests. Both binaries are named
 * explicitly so Selenium Manager never tries to download a browser or a driver (the network is closed).
 * Without them the calling test is skipped, with one line on stderr saying what to install.
 */
public final class Browser implements AutoCloseable {
    /** Debian's paths; the properties exist to check the skip (-Dspillway.test.chromium=/nowhere). */
    public static final Path CHROMIUM = Path.of(System.getProperty("spillway.test.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("spillway.test.chromedriver",
            "/usr/bin/chromedriver"));
    private static final String SKIPPED = "SKIPPED browser tests: " + CHROMIUM + " or " + CHROMEDRIVER
            + " not found; install Debian's chromium and chromium-driver";
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser with an empty profile; skips the test when Chromium or ChromeDriver is missing. */
    public static Browser start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && SKIP_REPORTED.compareAndSet(false, true)) {
            System.err.println(SKIPPED);
        }
        Assumptions.assumeTrue(present, SKIPPED);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("spillway-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 1000));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns what it returns. */
    public Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits (up to two minutes: the machine is shared) until {@code condition} is neither null nor false. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, PATIENCE).withMessage(what)
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            // what the page showed instead, so a failure says more than "timed out"
            throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; the page shows:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    public WebElement find(String css) {
        return await("element " + css, d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Replaces a form field's value. */
    public void fill(String form, String field, String value) {
        WebElement input = find("form[data-form='" + form + "'] [name='" + field + "']");
        if ("select".equals(input.getTagName())) {
            new Select(input).selectByValue(value);
            return;
        }
        input.clear();
        input.sendKeys(value);
    }

    public void submit(String form) {
        find("form[data-form='" + form + "'] button[type='submit']").click();
    }

    /** Waits until the element's text contains {@code text} and returns the whole text. */
    public String awaitText(String css, String text) {
        return await("'" + text + "' in " + css, d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).getText().contains(text) ? null : found.get(0).getText();
        });
    }

    public void clickButton(String label) {
        await("button '" + label + "'", d -> d.findElements(By.xpath("//button[normalize-space()='" + label + "']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
    }

    /** Saves what the page shows at {@code height} pixels tall (the README's images show whole pages). */
    public void screenshot(Path target, int height) {
        driver.manage().window().setSize(new Dimension(1280, height));
        screenshot(target);
    }

    public void screenshot(Path target) {
        try {
            Files.createDirectories(target.getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp profile left behind is harmless
        }
    }
}
