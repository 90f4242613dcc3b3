package dev.taskregistry.bootstrap.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, both named by path so that Selenium downloads nothing,
 * with a fresh profile and the flags that keep it from calling hosts this closed network refuses. A missing browser
 * fails the test: the dashboard's tests must not pass by not running.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long any one outcome may take on a busy 2-core machine: only a bound against hanging. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Path EVIDENCE = Path.of("target", "dashboard-failures");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final Thread quitOnExit = new Thread(this::quit, "quit-chromium");

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        Runtime.getRuntime().addShutdownHook(quitOnExit);
    }

    static Browser start() {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: the dashboard's browser tests need "
                        + "Debian's Chromium (apt-get install -y chromium chromium-driver; .ci/run does it)");
            }
        }
        Path profile = temporaryProfile();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target", "chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1280,1000",
                        "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        try {
            return new Browser(service, new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteRecursively(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait patiently() {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
    }

    /** Saves a screenshot (PNG) of the page as it is now to {@code file}. */
    void screenshot(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the whole page, not only the window: the window grows to the page's height for the shot. */
    void screenshotOfWholePage(Path file) {
        Dimension window = driver.manage().window().getSize();
        driver.executeScript("window.scrollTo(0, 0)");
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), height.intValue() + 120));
        try {
            screenshot(file);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** Runs {@code action} with the window {@code width} by {@code height} CSS pixels, as a phone would show it. */
    void withWindow(int width, int height, Runnable action) {
        Dimension window = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, height));
        try {
            action.run();
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** The console's errors (SEVERE) since the last read of the console: failed loads, exceptions, CSP refusals. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** After a failure: a screenshot, the page's DOM and the browser console under {@code target/dashboard-failures}. */
    void saveEvidence(String name) {
        try {
            Files.createDirectories(EVIDENCE);
            screenshot(EVIDENCE.resolve(name + ".png"));
            Files.writeString(EVIDENCE.resolve(name + ".html"), driver.getPageSource());
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString)
                    .collect(Collectors.joining("\n"));
            Files.writeString(EVIDENCE.resolve(name + "-console.log"), console + "\n");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the browser's evidence of " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        quit();
        try {
            Runtime.getRuntime().removeShutdownHook(quitOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void quit() {
        try {
            driver.quit();
        } catch (RuntimeException alreadyGone) {
            // the browser ended already
        } finally {
            service.stop();
            deleteRecursively(profile);
        }
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("dashboard-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
