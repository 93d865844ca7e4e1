package io.tideway.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.json.Json;
import io.tideway.infra.sample.AdmissionsGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard end to end, as an operator sees it: the real local stack (see {@link
 * LocalStackFixture}), the page open in headless Chromium, a reference file dropped into the inbox.
 * Without any reload, the file's row must appear, show a progress bar while in flight, and turn
 * VERIFIED with the verifier's numbers, formatted for people. Skipped when Chromium or its driver
 * is not installed.
 */
class DashboardBrowserIT {

  private static final String FILE_NAME = "dashboard-admissions.csv";
  private static final Duration POLL = Duration.ofMillis(100);

  private static LocalStackFixture fixture;
  private static HeadlessBrowser browser;

  private static boolean browserInstalled() {
    return HeadlessBrowser.installed();
  }

  @BeforeAll
  static void start() throws Exception {
    if (!browserInstalled()) {
      return; // the test reports itself skipped; an assumption here would hide it from the Surefire
      // counts
    }
    fixture = LocalStackFixture.start("it-state-dashboard");
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
  void aDroppedFileTurnsVerifiedLiveWithoutReload() throws Exception {
    Assumptions.assumeTrue(browserInstalled(), HeadlessBrowser.missing("DashboardBrowserIT"));
    browser.openDashboard(fixture.settings().verifierUrl());
    js(MARK_AND_OBSERVE, FILE_NAME);

    long dropped = System.nanoTime();
    fixture.drop(FILE_NAME, out -> new AdmissionsGenerator(55_500, 534, 42).write(out));

    // Poll the DOM every 100 ms; the page's own MutationObserver (above) also records every render.
    Set<String> statusesPolled = new LinkedHashSet<>();
    boolean progressPolled = false;
    boolean progressShot = false;
    Map<String, Object> row = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long firstSeen = 0;
    while (System.nanoTime() < deadline) {
      row = rowOf(FILE_NAME);
      if (row != null) {
        if (firstSeen == 0) {
          firstSeen = System.nanoTime();
          System.err.printf(
              "row appeared %d ms after the drop%n", (firstSeen - dropped) / 1_000_000);
        }
        String status = (String) row.get("status");
        if (statusesPolled.add(status)) {
          System.err.printf(
              "%6d ms  %s  %s%n", (System.nanoTime() - dropped) / 1_000_000, status, row);
        }
        if (Boolean.TRUE.equals(row.get("progress")) && !"VERIFIED".equals(status)) {
          progressPolled = true;
          long percent = ((Number) row.get("percent")).longValue();
          if (!progressShot && percent >= 25 && percent < 100) {
            screenshot("dashboard-progress.png"); // for people: what a file in flight looks like
            progressShot = true;
          }
        }
        if ("VERIFIED".equals(status) || "MISMATCH".equals(status) || "FAILED".equals(status)) {
          break;
        }
      }
      Thread.sleep(
          POLL.toMillis()); // polling interval, not synchronisation: the loop checks a deadline
    }
    System.err.printf(
        "settled %d ms after the drop; statuses polled %s, observed %s%n",
        (System.nanoTime() - dropped) / 1_000_000,
        statusesPolled,
        js("return JSON.stringify(window.__seen)"));

    assertThat(row).as("the file's row appeared on the dashboard").isNotNull();
    assertThat(row.get("status")).as(row.toString()).isEqualTo("VERIFIED");
    boolean progressObserved = Boolean.TRUE.equals(js("return window.__seen.progress > 0"));
    assertThat(progressPolled || progressObserved)
        .as(
            "a progress bar was shown in the row while it was not yet VERIFIED (polled %s, observed %s)",
            statusesPolled, js("return JSON.stringify(window.__seen)"))
        .isTrue();

    // The numbers people read: right-aligned, with thousands separators, equal to the verifier's.
    assertThat(row.get("rowsRead")).isEqualTo("55,500");
    assertThat(row.get("cleaned")).isEqualTo("54,966");
    assertThat(row.get("duplicates")).isEqualTo("534");
    assertThat(row.get("rejected")).isEqualTo("0");
    assertThat(row.get("inMongo")).isEqualTo("54,966");
    assertThat(row.get("numbersAlign")).isEqualTo("right");
    assertThat((String) row.get("throughput")).matches("[0-9][0-9,]* rows/s");
    assertThat(row.get("progress")).as("no progress bar once VERIFIED").isEqualTo(false);
    assertThat(row.get("badgeColour")).as("VERIFIED is green").isEqualTo("rgb(26, 127, 55)");
    String fileId = (String) row.get("fileId");
    assertThat((String) row.get("quality")).endsWith("/api/files/" + fileId + "/quality.html");
    JsonNode api = getJson("/api/files/" + fileId);
    assertThat(api.path("status").asText()).isEqualTo("VERIFIED");
    assertThat(api.path("documents_in_mongo").asLong()).isEqualTo(54_966);
    assertThat(api.path("file_name").asText()).isEqualTo(FILE_NAME);

    // The lag panel: one card per consumer group with a coloured status and a chart of samples.
    await(
        "lag charts with at least two samples per group",
        Duration.ofSeconds(30),
        () ->
            Boolean.TRUE.equals(
                js(
                    "const g = [...document.querySelectorAll('#lag .group')];"
                        + "return g.length >= 2 && g.every(c => c.querySelector('svg polyline') && c.querySelector('svg polyline').getAttribute('points').split(' ').length >= 2"
                        + " && /^(OK|WARN|STALL|STOP)$/.test(c.querySelector('.badge').textContent))")));
    assertThat(
            js(
                "return [...document.querySelectorAll('#lag .group')].map(g => g.dataset.group).join(',')"))
        .isEqualTo("tideway-cleaner,tideway-loader");

    // The health panel: MongoDB, Kafka, every service and the inbox, each with its state.
    await(
        "health panel with MongoDB, Kafka, the services and the inbox UP",
        Duration.ofSeconds(30),
        () ->
            Boolean.TRUE.equals(
                js(
                    "const p = [...document.querySelectorAll('#health .part')];"
                        + "const up = n => p.some(x => x.dataset.part === n && x.querySelector('.badge').textContent === 'UP');"
                        + "return up('MongoDB') && up('Kafka') && up('ingest-service') && up('cleaner-streams')"
                        + " && up('loader-service') && p.length >= 6")));
    assertThat(
            (String)
                js(
                    "return [...document.querySelectorAll('#health .part')].find(x => x.dataset.part === 'MongoDB')"
                        + ".querySelector('.why').textContent"))
        .matches("answers in [0-9,]+ ms");

    assertThat(js("return window.__marker")).as("the page was never reloaded").isEqualTo(42L);
    screenshot("dashboard.png");

    // The verifier keeps the lag history: a reloaded page draws it at its first render instead of
    // starting empty (it adds one sample of its own per 3 s).
    JsonNode history = getJson("/api/lag/history");
    assertThat(history.path("tideway-loader").size()).isGreaterThanOrEqualTo(2);
    browser.refresh();
    await(
        "the lag chart after a reload",
        Duration.ofSeconds(30),
        () ->
            Boolean.TRUE.equals(js("return document.querySelector('#lag svg polyline') !== null")));
    assertThat(
            (Long)
                js(
                    "return document.querySelector('#lag svg polyline').getAttribute('points').split(' ').length"))
        .isGreaterThanOrEqualTo(2L);
  }

  /**
   * A file of 2,000 rows with 10 bad dates: VERIFIED, marked as having 10 rejects, linked to those
   * rows; the search and status filter find it and nothing else.
   */
  @Test
  void aFileWithRejectsIsMarkedAndLinksToItsRows() throws Exception {
    Assumptions.assumeTrue(browserInstalled(), HeadlessBrowser.missing("DashboardBrowserIT"));
    String name = "dashboard-bad-dates.csv";
    Set<Long> broken =
        new TreeSet<>(List.of(2L, 10L, 11L, 500L, 999L, 1000L, 1001L, 1700L, 1999L, 2000L));
    browser.openDashboard(fixture.settings().verifierUrl());
    fixture.drop(name, out -> new BadDatesFile(2_000, 11, broken).write(out));
    await(
        "the file to turn VERIFIED on the page",
        Duration.ofMinutes(3),
        () -> {
          Map<String, Object> r = rowOf(name);
          return r != null && "VERIFIED".equals(r.get("status"));
        });
    Map<String, Object> row = rowOf(name);
    assertThat(row.get("badge")).isEqualTo("VERIFIED · 10 rejected");
    assertThat(row.get("badgeColour"))
        .as("not the plain green of a clean file")
        .isNotEqualTo("rgb(26, 127, 55)");
    String fileId = (String) row.get("fileId");
    assertThat(
            js(
                "return document.querySelector('#files tr[data-file-id=\"' + arguments[0] + '\"] .fid').textContent",
                fileId))
        .as("the full id is shown")
        .isEqualTo(fileId);

    String link =
        (String)
            js(
                "return document.querySelector('#files tr[data-file-id=\"' + arguments[0] + '\"] a.rejects').href",
                fileId);
    assertThat(link).endsWith("/api/files/" + fileId + "/rejects?format=csv");
    HttpResponse<String> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(11);
    assertThat(lines.subList(1, 11).stream().map(l -> Long.parseLong(l.split(",")[0])).toList())
        .containsExactlyElementsOf(broken);
    assertThat(lines.get(1)).contains(BadDatesFile.BAD_DATE);

    js(
        "const s = document.getElementById('file-search'); s.value = arguments[0]; s.dispatchEvent(new Event('input'));",
        "bad-dates");
    assertThat(
            js(
                "return [...document.querySelectorAll('#files tr[data-file-id]')].map(r => r.dataset.fileName).join(',')"))
        .isEqualTo(name);
    screenshot("dashboard-rejects.png");
    js(
        "const s = document.getElementById('file-status'); s.value = 'MISMATCH'; s.dispatchEvent(new Event('change'));");
    assertThat(js("return document.querySelectorAll('#files tr[data-file-id]').length"))
        .isEqualTo(0L);
    assertThat(js("return document.getElementById('page-info').textContent")).isEqualTo("no match");
  }

  /** Marks the page (a reload would lose the marker) and records every render of the file's row. */
  private static final String MARK_AND_OBSERVE =
      """
      window.__marker = 42;
      window.__seen = {statuses: [], progress: 0};
      const name = arguments[0];
      new MutationObserver(() => {
        const row = [...document.querySelectorAll('#files tr[data-file-name]')].find(r => r.dataset.fileName === name);
        if (!row) return;
        const s = row.dataset.status, seen = window.__seen;
        if (seen.statuses[seen.statuses.length - 1] !== s) seen.statuses.push(s);
        if (s !== 'VERIFIED' && row.querySelector('.progress .bar')) seen.progress++;
      }).observe(document.getElementById('files'), {childList: true, subtree: true, attributes: true});
      """;

  /** What a person reads in the file's row, or null while there is no row. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> rowOf(String fileName) {
    return (Map<String, Object>)
        js(
            """
        const row = [...document.querySelectorAll('#files tr[data-file-name]')].find(r => r.dataset.fileName === arguments[0]);
        if (!row) return null;
        const text = c => { const td = row.querySelector('td.' + c); return td ? (td.firstChild ? td.firstChild.textContent.trim() : '') : null; };
        const badge = row.querySelector('.badge');
        return {
          fileId: row.dataset.fileId, status: row.dataset.status, badge: badge.textContent,
          badgeColour: getComputedStyle(badge).backgroundColor,
          progress: row.querySelector('.progress .bar') !== null,
          percent: Number((row.querySelector('.progress .bar') || {getAttribute: () => -1}).getAttribute('aria-valuenow')),
          rowsRead: text('rows-read'), cleaned: text('cleaned'), duplicates: text('duplicates'),
          rejected: text('rejected'), inMongo: text('in-mongo'), throughput: text('throughput'),
          numbersAlign: getComputedStyle(row.querySelector('td.in-mongo')).textAlign,
          quality: row.querySelector('a.quality').href
        };""",
            fileName);
  }

  private static Object js(String script, Object... args) {
    return browser.js(script, args);
  }

  private static void screenshot(String name) throws IOException {
    browser.screenshot(name);
  }

  private static JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.settings().verifierUrl() + path))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private static void await(String what, Duration timeout, Supplier<Boolean> condition) {
    browser.await(what, timeout, condition);
  }
}
