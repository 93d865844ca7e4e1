package io.tideway.ingest.inbox;

import io.tideway.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ingest work directory: {@code processing/<mapping>/<name>} (claimed files, with a {@code
 * .<name>.ingest.json} manifest), {@code archive/YYYY-MM-DD/<file id>_<name>} and {@code
 * error/<name>} with {@code <name>.error.json}.
 */
public final class WorkDir {

  private final Path processing;
  private final Path archive;
  private final Path error;

  public WorkDir(Path root) throws IOException {
    this.processing = Files.createDirectories(root.resolve("processing"));
    this.archive = Files.createDirectories(root.resolve("archive"));
    this.error = Files.createDirectories(root.resolve("error"));
  }

  public Path archiveDir() {
    return archive;
  }

  public Path errorDir() {
    return error;
  }

  /**
   * Moves an inbox file into processing/ atomically; empty when it vanished or a namesake is in
   * flight.
   */
  public Optional<ClaimedFile> claim(InboxFile file) throws IOException {
    Path dir = Files.createDirectories(processing.resolve(file.mapping()));
    Path target = dir.resolve(file.path().getFileName().toString());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      Files.move(file.path(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException | FileAlreadyExistsException e) {
      return Optional.empty();
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "inbox and work dir must be on one file system to claim files atomically: "
              + file.path()
              + " -> "
              + target,
          e);
    }
    Path origin = originOf(file.path());
    if (Files.exists(origin, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(origin, originOf(target), StandardCopyOption.REPLACE_EXISTING);
    }
    return Optional.of(new ClaimedFile(target, file.mapping(), null));
  }

  /**
   * The sidecar naming where a file came from when that is not the inbox ({@code .<name>.origin},
   * written by the S3 source before the file appears); it travels with the claim.
   */
  public static Path originOf(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".origin");
  }

  /**
   * Where a claimed file came from: the origin sidecar's text (e.g. an {@code s3://} URI), else its
   * path relative to the inbox ({@link #inboxPath}). The sidecar is removed once read: the manifest
   * keeps the answer.
   */
  public String takeOrigin(ClaimedFile file) throws IOException {
    Path origin = originOf(file.path());
    // Only a regular sidecar counts: a link planted under that name must not be read.
    if (!Files.isRegularFile(origin, LinkOption.NOFOLLOW_LINKS)) {
      return inboxPath(file);
    }
    String text;
    try (InputStream in = Files.newInputStream(origin, LinkOption.NOFOLLOW_LINKS)) {
      text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
    }
    return text.isEmpty() ? inboxPath(file) : text;
  }

  /**
   * A claimed inbox file's path relative to the inbox, as the operator dropped it: its name for a
   * file dropped into the inbox itself (claimed under {@code _by-header}), else {@code <mapping
   * folder>/<name>}. The work dir's own path would tell the operator nothing.
   */
  public static String inboxPath(ClaimedFile file) {
    return InboxRules.BY_HEADER.equals(file.mapping())
        ? file.fileName()
        : file.mapping() + "/" + file.fileName();
  }

  /** Deletes the origin sidecar of a claimed file, if any (after its manifest was written). */
  public void dropOrigin(ClaimedFile file) throws IOException {
    Files.deleteIfExists(originOf(file.path()));
  }

  /** Files left in processing/ by an earlier run, with their manifests when written. */
  public List<ClaimedFile> inProcessing() throws IOException {
    List<ClaimedFile> files = new ArrayList<>();
    for (Path mappingDir : list(processing)) {
      if (!Files.isDirectory(mappingDir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      for (Path p : list(mappingDir)) {
        String name = p.getFileName().toString();
        // Not only regular files: a claimed link must be resumed too, to be refused.
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !name.startsWith(".")) {
          files.add(
              new ClaimedFile(
                  p, mappingDir.getFileName().toString(), readManifest(p).orElse(null)));
        }
      }
    }
    return files;
  }

  /** The same claimed file with its manifest as currently on disk. */
  public ClaimedFile reload(ClaimedFile file) throws IOException {
    return file.with(readManifest(file.path()).orElse(null));
  }

  public void writeManifest(ClaimedFile file, ClaimManifest manifest) throws IOException {
    Path m = manifestOf(file.path());
    Path tmp = m.resolveSibling(m.getFileName() + ".tmp");
    Files.write(tmp, Json.toBytes(manifest));
    Files.move(tmp, m, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Moves a completed file to archive/YYYY-MM-DD/ (UTC) and drops its manifest. */
  public Path archive(ClaimedFile file, Instant when) throws IOException {
    Path day =
        Files.createDirectories(
            archive.resolve(LocalDate.ofInstant(when, ZoneOffset.UTC).toString()));
    Path target = day.resolve(file.manifest().fileId() + "_" + file.fileName());
    Files.move(
        file.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(manifestOf(file.path()));
    return target;
  }

  /** Moves a failed file to error/ with {@code <name>.error.json} beside it saying why. */
  public Path fail(ClaimedFile file, String reason, Instant when) throws IOException {
    String name = file.fileName();
    Path target = error.resolve(name);
    for (int n = 2;
        Files.exists(target, LinkOption.NOFOLLOW_LINKS)
            || Files.exists(errorJsonOf(target), LinkOption.NOFOLLOW_LINKS);
        n++) {
      target = error.resolve(name + "." + n);
    }
    Map<String, Object> why = new LinkedHashMap<>();
    why.put("file_name", name);
    why.put("mapping", file.mapping());
    if (file.manifest() != null) {
      why.put("file_id", file.manifest().fileId());
      why.put("sha256", file.manifest().sha256());
      why.put("source", file.manifest().source());
    }
    why.put("reason", reason);
    why.put("failed_at", when.toString());
    Files.write(
        errorJsonOf(target), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(why));
    Files.move(file.path(), target, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(manifestOf(file.path()));
    return target;
  }

  /** Ids of every archived (completed) file, read from the archive names. */
  public Set<String> completedIds() throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path day : list(archive)) {
      if (Files.isDirectory(day)) {
        for (Path f : list(day)) {
          String name = f.getFileName().toString();
          int cut = name.indexOf('_');
          if (cut > 0) {
            ids.add(name.substring(0, cut));
          }
        }
      }
    }
    return ids;
  }

  private Optional<ClaimManifest> readManifest(Path file) throws IOException {
    Path m = manifestOf(file);
    if (!Files.exists(m)) {
      return Optional.empty();
    }
    return Optional.of(Json.fromBytes(Files.readAllBytes(m), ClaimManifest.class));
  }

  private static Path manifestOf(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".ingest.json");
  }

  private static Path errorJsonOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".error.json");
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(entries::add);
    }
    entries.sort(null);
    return entries;
  }
}
