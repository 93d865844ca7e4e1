package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.infra.chaos.Signals;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dashboard under faults, as an operator sees it in headless Chromium on the real local stack
 * with an S3 source (S3Proxy as its own process): a frozen MongoDB (SIGSTOP of the embedded server
 * during a load) is named on the page as the cause and the file WAITS, never MISMATCH, then turns
 * VERIFIED after SIGCONT; a frozen S3 endpoint is SOURCE_UNREACHABLE with the source unhealthy,
 * then healthy again. Saves a screenshot of each state under {@code target/screenshots/}. The
 * freeze lasts 40 s on 60,000 rows; {@code -Dtideway.ops.full=true} makes it 90 s on 222,000.
 */
@TestMethodOrder(OrderAnnotation.class)
class OpsBrowserIT {

  private static final boolean FULL = Boolean.getBoolean("tideway.ops.full");
  private static final int ROWS = FULL ? 222_000 : 60_000;
  private static final Duration FREEZE = Duration.ofSeconds(FULL ? 90 : 40);
  private static final String BUCKET = "ops-drops";
  private static final String PREFIX = "in/";
  private static final String SOURCE = "s3://" + BUCKET + "/" + PREFIX;
  private static final List<String> PIPELINE_UP =
      List.of("ingest-service UP", "cleaner-streams UP", "loader-service UP");

  private static S3ProxyProcess s3;
  private static LocalStackFixture fixture;
  private static VerifierApi api;
  private static HeadlessBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    if (!HeadlessBrowser.installed()) {
      return; // each test reports itself skipped
    }
    Path target = Path.of("target").toAbsolutePath();
    s3 = S3ProxyProcess.start(target.resolve("it-ops-browser-s3"));
    Path probe = Files.createTempFile(target, "ops-browser-", ".txt");
    Files.writeString(probe, "not under the prefix\n");
    s3.put(BUCKET, "elsewhere/readme.txt", probe);
    fixture = LocalStackFixture.start("it-ops-browser", s3.ingestEnvironment(BUCKET, PREFIX));
    api = new VerifierApi(fixture.settings().verifierUrl());
    browser = HeadlessBrowser.start(fixture.state());
    // A service still starting reads DEGRADED: the tests begin on a healthy stack.
    Poll.until(
        Duration.ofSeconds(90),
        "ingest, cleaner, loader and " + SOURCE + " UP",
        api::health,
        h ->
            VerifierApi.serviceStates(h).containsAll(PIPELINE_UP)
                && VerifierApi.sourceState(h, SOURCE).equals("UP"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (fixture != null) {
      fixture.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  @Order(2)
  void aFrozenStoreIsNamedOnThePageAndTheFileWaitsThenVerifies() throws Exception {
    Assumptions.assumeTrue(HeadlessBrowser.installed(), HeadlessBrowser.missing("OpsBrowserIT"));
    String name = "ops-frozen.csv";
    browser.openDashboard(fixture.settings().verifierUrl());
    browser.js(OBSERVE_STATUSES, name);
    fixture.drop(name, out -> new AdmissionsGenerator(ROWS, 0, 17).write(out));
    browser.await(
        "documents of " + name + " loading",
        Duration.ofMinutes(3),
        () -> {
          JsonNode f = api.file(name);
          return f != null && f.path("inserted").asLong() > 0;
        });

    long mongo = fixture.stack().process("mongo").orElseThrow().pid();
    Set<String> polled = new LinkedHashSet<>();
    long stoppedAt = System.nanoTime();
    Signals.stop(mongo);
    long namedMs;
    long waitingMs;
    try {
      browser.await(
          "MongoDB DOWN in the health panel and STORE_UNREACHABLE open on the page",
          FREEZE,
          () -> {
            polled.add(rowStatus(name));
            return "DOWN".equals(partState("MongoDB")) && alertRow("STORE_UNREACHABLE/mongodb");
          });
      namedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
      browser.await(
          "the file's row WAITING with the cause",
          FREEZE,
          () -> {
            polled.add(rowStatus(name));
            return "WAITING".equals(rowStatus(name));
          });
      waitingMs = (System.nanoTime() - stoppedAt) / 1_000_000;
      String fileId = (String) row(name).get("fileId");
      browser.await(
          "the STORE_UNREACHABLE alert naming " + fileId,
          FREEZE,
          () -> alertText("STORE_UNREACHABLE/mongodb").contains(fileId));
      Map<String, Object> waiting = row(name);
      assertThat((String) waiting.get("problems")).contains("MongoDB");
      assertThat(alertText("STORE_UNREACHABLE/mongodb"))
          .contains("MongoDB does not answer", fileId)
          .doesNotContain(".;");
      browser.await(
          "the alert naming the file as the table does",
          Duration.ofSeconds(30),
          () -> alertText("STORE_UNREACHABLE/mongodb").contains("file: " + name));
      assertThat(partWhy("MongoDB")).isNotBlank();
      browser.screenshot("ops-store-frozen.png");
      // Sampling the page until the freeze has lasted its time: a MISMATCH in between would show.
      while (System.nanoTime() - stoppedAt < FREEZE.toNanos()) {
        polled.add(rowStatus(name));
        Thread.sleep(500); // sampling interval, not synchronisation
      }
      assertThat(rowStatus(name)).isEqualTo("WAITING");
    } finally {
      Signals.resume(mongo);
    }
    long resumedAt = System.nanoTime();
    browser.await(
        name + " VERIFIED on the page and STORE_UNREACHABLE gone from the open alerts",
        Duration.ofMinutes(FULL ? 10 : 5),
        () -> {
          polled.add(rowStatus(name));
          return "VERIFIED".equals(rowStatus(name))
              && !alertRow("STORE_UNREACHABLE/mongodb")
              && "UP".equals(partState("MongoDB"));
        });
    long verifiedMs = (System.nanoTime() - resumedAt) / 1_000_000;
    browser.screenshot("ops-store-recovered.png");
    @SuppressWarnings("unchecked")
    List<String> observed = (List<String>) browser.js("return window.__statuses");
    assertThat(polled).as("statuses polled").doesNotContain("MISMATCH");
    assertThat(observed).as("statuses the page rendered").doesNotContain("MISMATCH");
    assertThat(row(name).get("inMongo")).isEqualTo(String.format("%,d", ROWS));
    assertThat(api.alertState("STORE_UNREACHABLE/mongodb")).isEqualTo("RESOLVED");
    System.out.printf(
        "OpsBrowserIT: %d rows, MongoDB frozen %d s: on the page MongoDB DOWN + STORE_UNREACHABLE"
            + " after %d ms, the row WAITING after %d ms; VERIFIED and the alert gone %d ms after"
            + " SIGCONT; statuses rendered %s%n",
        ROWS, FREEZE.toSeconds(), namedMs, waitingMs, verifiedMs, observed);
  }

  /** First, on a stack without files: the empty file table says so once, not also "no match". */
  @Test
  @Order(1)
  void aFrozenS3EndpointIsSourceUnreachableOnThePageThenHealthyAgain() throws Exception {
    Assumptions.assumeTrue(HeadlessBrowser.installed(), HeadlessBrowser.missing("OpsBrowserIT"));
    String alert = "SOURCE_UNREACHABLE/" + SOURCE;
    browser.openDashboard(fixture.settings().verifierUrl());
    assertThat(browser.js("return document.querySelector('#files .placeholder').textContent"))
        .isEqualTo("no files yet — drop a CSV into the inbox");
    assertThat(browser.js("return document.getElementById('page-info').textContent"))
        .as("no search or filter is set: nothing to call a match")
        .isEqualTo("");
    browser.await(
        "the S3 source UP in the health panel",
        Duration.ofSeconds(30),
        () -> "UP".equals(partState(SOURCE)));
    assertThat(alertRow(alert)).isFalse();

    List<String> states = new ArrayList<>();
    long frozenAt = System.nanoTime();
    s3.freeze();
    long namedMs;
    try {
      browser.await(
          "SOURCE_UNREACHABLE on the page and the source DOWN in the health panel",
          Duration.ofSeconds(60),
          () -> alertRow(alert) && "DOWN".equals(partState(SOURCE)));
      namedMs = (System.nanoTime() - frozenAt) / 1_000_000;
      states.add(api.alertState(alert));
      assertThat(alertText(alert)).contains(SOURCE, "cannot be read");
      assertThat(partWhy(SOURCE)).contains("polling failed", "last good");
      browser.screenshot("ops-s3-down.png");
    } finally {
      s3.thaw();
    }
    long thawedAt = System.nanoTime();
    browser.await(
        "the source UP again and SOURCE_UNREACHABLE gone from the open alerts",
        Duration.ofSeconds(60),
        () -> {
          states.add(api.alertState(alert));
          return !alertRow(alert) && "UP".equals(partState(SOURCE));
        });
    long backMs = (System.nanoTime() - thawedAt) / 1_000_000;
    browser.screenshot("ops-s3-back.png");
    assertThat(api.alertState(alert)).isEqualTo("RESOLVED");
    assertThat(states.subList(0, Math.max(0, states.indexOf("RESOLVED"))))
        .as("opened once, resolved once")
        .containsOnly("OPEN");
    System.out.printf(
        "OpsBrowserIT: S3 endpoint frozen (SIGSTOP): SOURCE_UNREACHABLE on the page after %d ms;"
            + " gone, source UP %d ms after SIGCONT%n",
        namedMs, backMs);
    assertThat(namedMs)
        .as("ms from the freeze to the alert on the page")
        .isLessThanOrEqualTo(30_000);
  }

  /** Records every status the file's row is rendered with (a reload would lose it). */
  private static final String OBSERVE_STATUSES =
      """
      window.__statuses = [];
      const name = arguments[0];
      new MutationObserver(() => {
        const row = [...document.querySelectorAll('#files tr[data-file-name]')].find(r => r.dataset.fileName === name);
        if (!row) return;
        const seen = window.__statuses, s = row.dataset.status;
        if (seen[seen.length - 1] !== s) seen.push(s);
      }).observe(document.getElementById('files'), {childList: true, subtree: true, attributes: true});
      """;

  private static String rowStatus(String name) {
    Map<String, Object> r = row(name);
    return r == null ? "NONE" : (String) r.get("status");
  }

  /** What a person reads in the file's row, or null while there is none. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> row(String name) {
    return (Map<String, Object>)
        browser.js(
            """
            const row = [...document.querySelectorAll('#files tr[data-file-name]')].find(r => r.dataset.fileName === arguments[0]);
            if (!row) return null;
            return {fileId: row.dataset.fileId, status: row.dataset.status,
              badge: row.querySelector('.badge').textContent,
              problems: [...row.querySelectorAll('.problems')].map(p => p.textContent).join(' | '),
              inMongo: row.querySelector('td.in-mongo').firstChild.textContent.trim()};""",
            name);
  }

  /** The badge of a box in the health panel, or null while there is no such box. */
  private static String partState(String part) {
    return (String)
        browser.js(
            "const p = [...document.querySelectorAll('#health .part')].find(x => x.dataset.part === arguments[0]);"
                + "return p ? p.querySelector('.badge').textContent : null;",
            part);
  }

  private static String partWhy(String part) {
    return (String)
        browser.js(
            "const p = [...document.querySelectorAll('#health .part')].find(x => x.dataset.part === arguments[0]);"
                + "return p ? p.querySelector('.why').textContent : '';",
            part);
  }

  /** Whether the open alerts table lists that alert. */
  private static boolean alertRow(String id) {
    return Boolean.TRUE.equals(
        browser.js(
            "return [...document.querySelectorAll('#alerts tr[data-alert-id]')].some(r => r.dataset.alertId === arguments[0])",
            id));
  }

  private static String alertText(String id) {
    Object text =
        browser.js(
            "const r = [...document.querySelectorAll('#alerts tr[data-alert-id]')].find(r => r.dataset.alertId === arguments[0]);"
                + "return r ? r.textContent : '';",
            id);
    return (String) text;
  }
}
