package io.tideway.infra.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.log.LogSafe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ./pipeline run}: drops the files into the stack's inbox, waits until the verifier settles
 * each one, and builds the JSON report. Repeated file names are dropped one after the other, so a
 * second drop of the same file meets the first one's rows in the dedup store.
 */
public final class RunCommand {

  private final Path inbox;
  private final VerifierClient verifier;
  private final Duration timeout;
  private final PrintStream err;

  public RunCommand(Path inbox, VerifierClient verifier, Duration timeout, PrintStream err) {
    this.inbox = inbox;
    this.verifier = verifier;
    this.timeout = timeout;
    this.err = err;
  }

  /** Runs the files through the already started stack and returns the report. */
  public ObjectNode execute(List<Path> files) throws IOException, InterruptedException {
    List<FileRun> runs = new ArrayList<>();
    for (Path f : files) {
      runs.add(new FileRun(f));
    }
    Files.createDirectories(inbox);
    ProgressPrinter progress = new ProgressPrinter(err);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextPrint = 0;
    while (!runs.stream().allMatch(FileRun::settled) && System.nanoTime() < deadline) {
      dropReady(runs);
      refresh(runs);
      if (System.nanoTime() >= nextPrint) {
        progress.print(runs);
        nextPrint = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      }
      Thread.sleep(300);
    }
    progress.print(runs);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    return report(runs, elapsedMs);
  }

  private void dropReady(List<FileRun> runs) throws IOException {
    Set<String> busy = new HashSet<>();
    for (FileRun f : runs) {
      if (f.dropped() && !f.settled()) {
        busy.add(f.name);
      }
    }
    for (FileRun f : runs) {
      if (!f.dropped() && busy.add(f.name)) {
        Path part = inbox.resolve(f.name + ".part");
        Files.copy(f.source, part, StandardCopyOption.REPLACE_EXISTING);
        // The source's modification time: a file written a while ago is then seen as complete as
        // soon as it is moved in, instead of after stable-for.
        Files.setLastModifiedTime(part, Files.getLastModifiedTime(f.source));
        // Ingest ignores *.part: the rename makes the whole file appear at once.
        Files.move(part, inbox.resolve(f.name), StandardCopyOption.ATOMIC_MOVE);
        f.droppedAtNanos = System.nanoTime();
        err.printf("dropped %s into %s%n", LogSafe.of(f.name), inbox);
      }
    }
  }

  private void refresh(List<FileRun> runs) {
    List<JsonNode> entries = verifier.files();
    Set<String> claimed = new HashSet<>();
    runs.stream().filter(f -> f.fileId != null).forEach(f -> claimed.add(f.fileId));
    for (FileRun f : runs) {
      if (!f.dropped()) {
        continue;
      }
      for (JsonNode e : entries) {
        String id = e.path("file_id").asText();
        if (f.fileId == null
            && f.name.equals(e.path("file_name").asText())
            && !claimed.contains(id)) {
          f.fileId = id;
          claimed.add(id);
        }
        if (id.equals(f.fileId)) {
          f.latest = e;
        }
      }
    }
  }

  /** The JSON report: each file's verifier entry (or why there is none), time and rate. */
  static ObjectNode report(List<FileRun> runs, long elapsedMs) {
    ObjectNode report = Json.MAPPER.createObjectNode();
    ArrayNode files = report.putArray("files");
    long rows = 0;
    for (FileRun f : runs) {
      if (f.latest != null) {
        files.add(f.latest);
        rows += f.count("rows_read");
      } else {
        ObjectNode missing = files.addObject();
        missing.put("file_name", f.name);
        missing.put("status", "NOT_SEEN");
        missing
            .putArray("problems")
            .add("the verifier never reported this file before the timeout");
      }
    }
    report.put("elapsed_ms", elapsedMs);
    report.put("rows_per_s", elapsedMs == 0 ? 0.0 : Math.round(rows * 10_000.0 / elapsedMs) / 10.0);
    return report;
  }

  /** Whether every file of a report is VERIFIED. */
  public static boolean allVerified(ObjectNode report) {
    for (JsonNode f : report.path("files")) {
      if (!"VERIFIED".equals(f.path("status").asText())) {
        return false;
      }
    }
    return true;
  }
}
