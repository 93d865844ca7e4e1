package io.tideway.ingest.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The S3 objects already handed to the inbox, by bucket, key and ETag, in an append-only file: a
 * restart does not fetch them again, and a new version (new ETag) is a new file.
 */
final class SeenObjects {

  private final Path file;
  private final Set<String> seen = new HashSet<>();

  SeenObjects(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      seen.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
    }
  }

  boolean contains(String bucket, String key, String etag) {
    return seen.contains(line(bucket, key, etag));
  }

  void add(String bucket, String key, String etag) throws IOException {
    String line = line(bucket, key, etag);
    if (seen.add(line)) {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    }
  }

  private static String line(String bucket, String key, String etag) {
    // Tabs and newlines cannot occur in an ETag; keys are escaped so one object stays one line.
    return etag + "\t" + bucket + "/" + key.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
