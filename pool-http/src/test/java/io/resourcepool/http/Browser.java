package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's ChromeDriver through Selenium WebDriver (classic, not CDP). Both
 * are named by path, so Selenium Manager never looks for (or downloads) a driver or a browser. Chromium runs as this
 * machine's browser tests must: no sandbox (the tests may run as root), no GPU, no QUIC, none of its own network
 * traffic, a fresh profile. It trusts the hub's CA by the SHA-256 of its public key
 * ({@code --ignore-certificate-errors-spki-list}; the hub sends its CA in its chain), not by ignoring certificate
 * errors: with another key the page does not load.
 *
 * <p>Without Chromium the tests that use it are skipped with a message saying how to install it, unless
 * {@code POOL_TEST_BROWSER=required} (as CI sets it), in which case they fail.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The window, as wide as a laptop's screen: what the screenshot shows. */
    static final int WIDTH = 1400;
    static final int HEIGHT = 900;

    private static final Pattern API_REFUSAL = Pattern.compile("^https://[^ ]+/v1/[^ ]* - Failed to load resource: the server responded with a status of 4[0-9][0-9]");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Skips the calling test (or fails it under CI) when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "the dashboard's browser test needs Debian's Chromium and ChromeDriver at " + CHROMIUM + " and " + CHROMEDRIVER
                + "; install them (apt-get install chromium chromium-driver) to run it. CI sets POOL_TEST_BROWSER=required.";
        if ("required".equals(System.getenv("POOL_TEST_BROWSER"))) {
            Assertions.fail("POOL_TEST_BROWSER=required, but " + message);
        }
        Assumptions.abort(message);
    }

    /**
     * Starts the browser.
     *
     * @param profile an empty directory for its profile
     * @param trusted the certificates (CAs) whose keys it trusts in a server's chain
     * @return the browser
     */
    static Browser start(Path profile, List<X509Certificate> trusted) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT, "--force-device-scale-factor=1",
                "--hide-scrollbars", "--lang=en-GB", "--ignore-certificate-errors-spki-list=" + spkiHashes(trusted));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        fitViewport(driver);
        return new Browser(driver);
    }

    /** Sizes the window so that the page itself (what a screenshot shows) is {@value #WIDTH} by {@value #HEIGHT}. */
    private static void fitViewport(ChromeDriver driver) {
        Dimension window = driver.manage().window().getSize();
        long width = (Long) driver.executeScript("return window.innerWidth");
        long height = (Long) driver.executeScript("return window.innerHeight");
        driver.manage().window().setSize(new Dimension(window.width + WIDTH - (int) width, window.height + HEIGHT - (int) height));
    }

    private static String spkiHashes(List<X509Certificate> certificates) {
        return certificates.stream().map(c -> Base64.getEncoder().encodeToString(sha256(c.getPublicKey().getEncoded())))
                .collect(Collectors.joining(","));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    /**
     * Fails when the page's console said anything at level SEVERE since the last look: a script error, a file that
     * failed to load, or a Content-Security-Policy violation (Chromium reports each refused script, style or
     * connection there). The API's refusals ({@code /v1/...} answered 4xx, such as a wrong password) are not
     * errors of the page: it shows them to the person, and the tests check that it does.
     */
    void assertConsoleClean() {
        List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(message -> !API_REFUSAL.matcher(message).find()).toList();
        assertThat(severe).as("errors in the browser's console").isEmpty();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
