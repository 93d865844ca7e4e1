package io.tideway.ingest.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * File ids handed out so far, shared by every ingest instance of one pipeline: one empty file per
 * id in a directory on the inbox's file system ({@code tideway.ingest.ids-dir}). Reserving an id
 * creates its file exclusively (O_EXCL), which the file system grants to one instance only — the
 * same arbiter that already lets one instance alone claim an inbox file by renaming it. So two
 * replicas identifying copies of one file at the same moment get {@code ID} and {@code ID-2}, never
 * both {@code ID}; neither reading Kafka's checkpoints (they appear only after the first commit)
 * nor each instance's own archive could tell them apart.
 */
public final class IdRegistry {

  /** What ingest makes ids of: hex digits, then {@code -N} or {@code -rN} suffixes. */
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,127}");

  private final Path dir;

  public IdRegistry(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Reserves {@code id} for the caller; false when any instance reserved it before. */
  public boolean reserve(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a file id: " + id);
    }
    try {
      Files.createFile(dir.resolve(id));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reserve file id " + id + " in " + dir, e);
    }
  }
}
