package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import io.tideway.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acknowledging an alert on the dashboard, in headless Chromium on the real local stack: a garbage
 * file opens INGEST_FAILED; Acknowledge with a wrong token shows the verifier's refusal in the row,
 * with the stack's token (failsafe sets {@code TIDEWAY_ADMIN_TOKEN}) the alert turns grey with "who
 * and when" and stays open. Skipped when Chromium or its driver is not installed.
 */
class AlertAckBrowserIT {

  private static final String TOKEN = System.getenv("TIDEWAY_ADMIN_TOKEN");
  private static final String ROW = "#alerts tr[data-alert-id^='INGEST_FAILED/']";

  private static LocalStackFixture fixture;
  private static HeadlessBrowser browser;

  private static boolean runnable() {
    return HeadlessBrowser.installed() && TOKEN != null && !TOKEN.isBlank();
  }

  @BeforeAll
  static void start() throws Exception {
    if (!runnable()) {
      return; // reported as skipped by the test itself
    }
    fixture = LocalStackFixture.start("it-state-ack");
    browser = HeadlessBrowser.start(fixture.state());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void acknowledgeAsksForTheTokenShowsARefusalThenGreysTheAlert() throws Exception {
    Assumptions.assumeTrue(
        runnable(),
        HeadlessBrowser.missing("AlertAckBrowserIT")
            + " (or TIDEWAY_ADMIN_TOKEN is unset; failsafe sets it)");
    byte[] noise = new byte[16 * 1024];
    new Random(11).nextBytes(noise);
    fixture.drop("ack-noise.csv", out -> out.write(noise));
    browser.openDashboard(fixture.settings().verifierUrl());
    browser.await(
        "the INGEST_FAILED alert with an Acknowledge button",
        Duration.ofSeconds(60),
        () ->
            Boolean.TRUE.equals(
                browser.js("return !!document.querySelector(arguments[0])", ROW + " button.ack")));
    String alertId =
        (String) browser.js("return document.querySelector(arguments[0]).dataset.alertId", ROW);

    browser.click(ROW + " button.ack");
    browser.answerPrompt("wrong-token");
    browser.answerPrompt("alice");
    String refusal =
        Poll.value(
            Duration.ofSeconds(30),
            "the refusal in the alert's row",
            () ->
                (String)
                    browser.js(
                        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null",
                        ROW + " .ack-error"));
    assertThat(refusal).contains("TIDEWAY_ADMIN_TOKEN", "token refused");
    assertThat(browser.js("return sessionStorage.getItem('tideway.adminToken')"))
        .as("a refused token is forgotten")
        .isNull();
    browser.screenshot("dashboard-ack-refused.png");

    browser.click(ROW + " button.ack");
    browser.answerPrompt(TOKEN);
    browser.answerPrompt("alice");
    String acked =
        Poll.value(
            Duration.ofSeconds(30),
            "the alert greyed with who and when",
            () ->
                (String)
                    browser.js(
                        "const r = document.querySelector(arguments[0]);"
                            + " return r && r.classList.contains('acked') ? r.querySelector('.ack-by').textContent : null",
                        ROW));
    assertThat(acked).matches("acknowledged by alice at .+");
    assertThat(browser.js("return !!document.querySelector(arguments[0])", ROW + " button.ack"))
        .as("no second Acknowledge")
        .isEqualTo(false);
    assertThat(
            browser.js(
                "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor",
                ROW + " .badge"))
        .as("greyed, not the warning colour")
        .isEqualTo("rgb(110, 119, 129)");
    browser.screenshot("dashboard-ack.png");

    JsonNode alert = alertFromApi(alertId);
    assertThat(alert.path("state").asText()).as("acknowledged, still open").isEqualTo("OPEN");
    assertThat(alert.path("acknowledged_by").asText()).isEqualTo("alice");
    assertThat(alert.path("acknowledged_at").asText()).isNotBlank();

    // A reload draws it from the API the same way.
    browser.refresh();
    browser.await(
        "the acknowledged alert after a reload",
        Duration.ofSeconds(30),
        () ->
            Boolean.TRUE.equals(
                browser.js(
                    "const r = document.querySelector(arguments[0]); return !!r && r.classList.contains('acked')",
                    ROW)));
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
}
