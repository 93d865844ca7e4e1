package io.tideway.infra;

import io.tideway.testkit.Poll;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium through the system chromedriver, for the ops browser tests: runs scripts on the
 * page and saves whole-page screenshots under {@code target/screenshots/} for people to look at.
 */
final class HeadlessBrowser implements AutoCloseable {

  /**
   * Debian's paths ({@code apt-get install chromium chromium-driver}); overridable for other
   * systems.
   */
  static final Path CHROMIUM = Path.of(System.getProperty("tideway.chromium", "/usr/bin/chromium"));

  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("tideway.chromedriver", "/usr/bin/chromedriver"));

  static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

  private static final int WIDTH = 1400;
  private static final Duration CLICK_TIMEOUT = Duration.ofSeconds(10);

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessBrowser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** What a skipped test says: which programs are missing and how to install them. */
  static String missing(String test) {
    return test
        + " needs "
        + CHROMIUM
        + " and "
        + CHROMEDRIVER
        + " (Debian: apt-get install -y chromium chromium-driver): skipped";
  }

  /** Starts Chromium with a profile under {@code state}; the driver log goes there too. */
  static HeadlessBrowser start(Path state) throws IOException {
    Path profile = Files.createTempDirectory(state, "chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=" + WIDTH + ",1000",
        "--user-data-dir=" + profile);
    // An explicit driver and browser binary: Selenium Manager never runs, nothing is downloaded.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .withLogFile(state.resolve("chromedriver.log").toFile())
            .build();
    return new HeadlessBrowser(service, new ChromeDriver(service, options));
  }

  /** Opens the dashboard and waits until its live event stream is connected. */
  void openDashboard(String url) {
    driver.get(url + "/");
    await(
        "the live event stream to connect",
        Duration.ofSeconds(30),
        () -> "live".equals(js("return document.getElementById('conn').textContent")));
  }

  /** Reloads the page, as an operator pressing F5. */
  void refresh() {
    driver.navigate().refresh();
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Polls a condition on the page until it holds, failing after {@code timeout}. */
  void await(String what, Duration timeout, Supplier<Boolean> condition) {
    Poll.until(timeout, what, () -> Boolean.TRUE.equals(condition.get()));
  }

  /**
   * Clicks the element {@code css} selects, as an operator would. The dashboard redraws a table
   * when an event arrives, so the element found can be replaced before the click reaches it; then
   * it is looked up again, until {@code CLICK_TIMEOUT}.
   */
  void click(String css) {
    Poll.until(
        CLICK_TIMEOUT,
        "a click on " + css,
        () -> {
          try {
            driver.findElement(By.cssSelector(css)).click();
            return true;
          } catch (StaleElementReferenceException redrawn) {
            return false;
          }
        });
  }

  /** Types {@code text} into the page's prompt once it is open, and confirms it. */
  void answerPrompt(String text) {
    await(
        "a prompt",
        Duration.ofSeconds(10),
        () -> {
          try {
            driver.switchTo().alert();
            return true;
          } catch (NoAlertPresentException e) {
            return false;
          }
        });
    Alert prompt = driver.switchTo().alert();
    prompt.sendKeys(text);
    prompt.accept();
  }

  /** The whole page, not only the window: the window grows to the page's height first. */
  Path screenshot(String name) throws IOException {
    long height = (Long) js("return document.documentElement.scrollHeight");
    driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.max(1000, height + 40)));
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name);
    Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    System.err.println("screenshot " + target);
    return target;
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
