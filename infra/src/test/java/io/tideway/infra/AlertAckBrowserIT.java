package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import io.tideway.testkit.Poll;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Acknowledging an alert on the dashboard, in headless Chromium on the real local stack: a garbage
 * file opens INGEST_FAILED; Acknowledge with a wrong token shows the verifier's refusal in the row,
 * with the stack's token (failsafe sets {@code TIDEWAY_ADMIN_TOKEN}) the alert turns grey with "who
 * and when" and stays open. Skipped when Chromium or its driver is not installed.
 */
class AlertAckBrowserIT {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("tideway.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("tideway.chromedriver", "/usr/bin/chromedriver"));
  private static final String TOKEN = System.getenv("TIDEWAY_ADMIN_TOKEN");

  private static LocalStackFixture fixture;
  private static ChromeDriverService service;
  private static ChromeDriver browser;

  private static boolean runnable() {
    return Files.isExecutable(CHROMIUM)
        && Files.isExecutable(CHROMEDRIVER)
        && TOKEN != null
        && !TOKEN.isBlank();
  }

  @BeforeAll
  static void start() throws Exception {
    if (!runnable()) {
      return; // reported as skipped by the test itself
    }
    fixture = LocalStackFixture.start("it-state-ack");
    Path profile = Files.createTempDirectory(fixture.state(), "chromium-profile-");
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
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .withLogFile(fixture.state().resolve("chromedriver.log").toFile())
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void acknowledgeAsksForTheTokenShowsARefusalThenGreysTheAlert() throws Exception {
    Assumptions.assumeTrue(
        runnable(),
        "AlertAckBrowserIT needs Chromium, chromedriver and TIDEWAY_ADMIN_TOKEN (set by failsafe)");
    byte[] noise = new byte[16 * 1024];
    new Random(11).nextBytes(noise);
    fixture.drop("ack-noise.csv", out -> out.write(noise));
    browser.get(fixture.settings().verifierUrl() + "/");
    String row = "#alerts tr[data-alert-id^='INGEST_FAILED/']";
    Poll.until(
        Duration.ofSeconds(60),
        "the INGEST_FAILED alert with an Acknowledge button",
        () ->
            Boolean.TRUE.equals(
                js("return !!document.querySelector(arguments[0])", row + " button.ack")));
    String alertId =
        (String) js("return document.querySelector(arguments[0]).dataset.alertId", row);

    browser.findElement(By.cssSelector(row + " button.ack")).click();
    answerPrompt("wrong-token");
    answerPrompt("alice");
    String refusal =
        Poll.value(
            Duration.ofSeconds(30),
            "the refusal in the alert's row",
            () ->
                (String)
                    js(
                        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null",
                        row + " .ack-error"));
    assertThat(refusal).contains("TIDEWAY_ADMIN_TOKEN", "token refused");
    assertThat(js("return sessionStorage.getItem('tideway.adminToken')"))
        .as("a refused token is forgotten")
        .isNull();
    screenshot("dashboard-ack-refused.png");

    browser.findElement(By.cssSelector(row + " button.ack")).click();
    answerPrompt(TOKEN);
    answerPrompt("alice");
    String acked =
        Poll.value(
            Duration.ofSeconds(30),
            "the alert greyed with who and when",
            () ->
                (String)
                    js(
                        "const r = document.querySelector(arguments[0]);"
                            + " return r && r.classList.contains('acked') ? r.querySelector('.ack-by').textContent : null",
                        row));
    assertThat(acked).matches("acknowledged by alice at .+");
    assertThat(js("return !!document.querySelector(arguments[0])", row + " button.ack"))
        .as("no second Acknowledge")
        .isEqualTo(false);
    assertThat(
            js(
                "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor",
                row + " .badge"))
        .as("greyed, not the warning colour")
        .isEqualTo("rgb(110, 119, 129)");
    screenshot("dashboard-ack.png");

    JsonNode alert = alertFromApi(alertId);
    assertThat(alert.path("state").asText()).as("acknowledged, still open").isEqualTo("OPEN");
    assertThat(alert.path("acknowledged_by").asText()).isEqualTo("alice");
    assertThat(alert.path("acknowledged_at").asText()).isNotBlank();

    // A reload draws it from the API the same way.
    browser.navigate().refresh();
    Poll.until(
        Duration.ofSeconds(30),
        "the acknowledged alert after a reload",
        () ->
            Boolean.TRUE.equals(
                js(
                    "const r = document.querySelector(arguments[0]); return !!r && r.classList.contains('acked')",
                    row)));
  }

  /** Types {@code text} into the page's prompt once it is open, and confirms it. */
  private static void answerPrompt(String text) {
    Poll.until(
        Duration.ofSeconds(10),
        "a prompt",
        () -> {
          try {
            browser.switchTo().alert();
            return true;
          } catch (NoAlertPresentException e) {
            return false;
          }
        });
    Alert prompt = browser.switchTo().alert();
    prompt.sendKeys(text);
    prompt.accept();
  }

  private static JsonNode alertFromApi(String id) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.settings().verifierUrl() + "/api/alerts"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    for (JsonNode a : Json.MAPPER.readTree(r.body())) {
      if (a.path("id").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("alert " + id + " not in /api/alerts: " + r.body());
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  private static void screenshot(String name) throws IOException {
    Path target = Path.of("target", name).toAbsolutePath();
    Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    System.err.println("screenshot " + target);
  }
}
