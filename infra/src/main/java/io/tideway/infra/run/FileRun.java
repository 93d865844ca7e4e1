package io.tideway.infra.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.contracts.payload.FileStatus;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file handed to {@code ./pipeline run}: where it came from, its name in the inbox, and the
 * verifier entry that reports on it once ingest has picked it up.
 */
final class FileRun {

  final Path source;
  final String name;
  final long estimatedRows;
  String fileId;
  JsonNode latest;
  long droppedAtNanos;

  FileRun(Path source) throws IOException {
    this.source = source;
    this.name = source.getFileName().toString();
    this.estimatedRows = Math.max(0, countLines(source) - 1);
  }

  boolean dropped() {
    return droppedAtNanos != 0;
  }

  String status() {
    // DROPPED, not WAITING: the verifier's WAITING means MongoDB does not answer.
    return latest == null ? (dropped() ? "DROPPED" : "QUEUED") : latest.path("status").asText();
  }

  boolean settled() {
    if (latest == null) {
      return false;
    }
    try {
      return FileStatus.valueOf(status()).settled();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  boolean verified() {
    return "VERIFIED".equals(status());
  }

  long count(String field) {
    return latest == null ? 0 : latest.path(field).asLong(0);
  }

  /** Documents MongoDB answered it holds; null while unknown (no check answered yet). */
  Long documentsInMongo() {
    JsonNode n = latest == null ? null : latest.get("documents_in_mongo");
    return n == null || n.isNull() ? null : n.asLong();
  }

  /** The first of the verifier's problems for the file, or "" when none. */
  String firstProblem() {
    JsonNode p = latest == null ? null : latest.path("problems").path(0);
    return p == null || p.isMissingNode() ? "" : p.asText();
  }

  /** Rows the pipeline has fully accounted for: loaded, duplicate or rejected. */
  long accounted() {
    return count("inserted")
        + count("matched")
        + count("failed")
        + count("duplicates")
        + count("rejected");
  }

  private static long countLines(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(".gz")) {
      return 0;
    }
    long lines = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }
}
