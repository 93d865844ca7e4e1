package io.tideway.infra.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application class-data sharing (AppCDS) for the local stack's JVMs: each process maps the classes
 * it loaded last time from an archive instead of reading, parsing and verifying them from the jars
 * again. JDK 17 cannot create an archive on the fly, so the first start of a process (or the first
 * after a jar changed) dumps one when it stops ({@code -XX:ArchiveClassesAtExit}) under a temporary
 * name, promoted only once the process exited by itself; later starts use it ({@code
 * -XX:SharedArchiveFile}). The archive's name holds a hash of the JVM, the main class and every
 * classpath entry's path, size and modification time, so a rebuilt jar selects a new archive and
 * the stale ones are deleted.
 *
 * <p>Off unless {@code TIDEWAY_CDS=on}: an archive saves each JVM 1-2 CPU seconds per start, but
 * dumping it costs 5-10 CPU seconds and about 60 MB per process, and on a loaded 2-core machine the
 * dumps at the end of a run outlast the stop grace (docs/BENCHMARKS.md, "JVM start-up").
 */
final class ClassDataArchive {

  private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);

  private final Path dir;
  private final boolean enabled;

  ClassDataArchive(Path dir, boolean enabled) {
    this.dir = dir;
    this.enabled = enabled;
  }

  /** Archives under {@code <state>/cds}, used when {@code TIDEWAY_CDS=on}. */
  static ClassDataArchive of(Layout layout) {
    return new ClassDataArchive(layout.state().resolve("cds"), StackSettings.classDataSharing());
  }

  /** Seconds a process that dumps its archive at exit may take to stop, at least. */
  static final long DUMP_GRACE_SECONDS = 120;

  /** True when {@code options} make the process dump its archive when it exits. */
  static boolean dumps(List<String> options) {
    return options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
  }

  /**
   * The JVM options for starting {@code spec}: use its archive when there is one for exactly this
   * classpath, else dump one when the process exits.
   */
  List<String> options(ProcessSpec spec) {
    if (!enabled) {
      return List.of();
    }
    try {
      Files.createDirectories(dir);
      Path archive = archive(spec);
      if (Files.size(archive) > 0) {
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
    } catch (IOException e) {
      // No archive yet (or an unreadable one): this start dumps it.
    }
    try {
      deleteOthers(spec);
      Path dump = dump(spec);
      Files.deleteIfExists(dump); // a dump a kill -9 cut short
      // The dump lists every class it could not archive at warning level: only errors matter.
      return List.of("-XX:ArchiveClassesAtExit=" + dump, "-Xlog:cds*=error");
    } catch (IOException e) {
      LOG.warn("no class-data archive for {}: {}", spec.name(), e.toString());
      return List.of();
    }
  }

  /**
   * After {@code spec}'s process exited: keep what it dumped if it exited by itself, else drop it
   * (a process killed while dumping leaves a partial file).
   */
  void exited(ProcessSpec spec, boolean graceful) {
    if (!enabled) {
      return;
    }
    try {
      Path dump = dump(spec);
      if (graceful && Files.exists(dump) && Files.size(dump) > 0) {
        Files.move(dump, archive(spec), StandardCopyOption.ATOMIC_MOVE);
        LOG.info("class-data archive for {} saved: later starts load faster", spec.name());
      } else {
        Files.deleteIfExists(dump);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("class-data archive for {} not kept: {}", spec.name(), e.toString());
    }
  }

  /** The archive of this exact JVM, main class and classpath. */
  Path archive(ProcessSpec spec) {
    return dir.resolve(spec.name() + "-" + key(spec) + ".jsa");
  }

  private Path dump(ProcessSpec spec) {
    return dir.resolve(spec.name() + "-" + key(spec) + ".jsa.dump");
  }

  /** Archives of this process for other jars or JVMs: the JVM would refuse them anyway. */
  private void deleteOthers(ProcessSpec spec) throws IOException {
    String mine = archive(spec).getFileName().toString();
    String prefix = spec.name() + "-";
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        // Names are "<name>-<16 hex>.jsa": "ingest-service-1-..." is not "ingest-service"'s.
        if (n.startsWith(prefix)
            && n.substring(prefix.length()).matches("[0-9a-f]{16}\\.jsa(\\.dump)?")
            && !n.equals(mine)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  static String key(ProcessSpec spec) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, System.getProperty("java.home"));
      update(sha, System.getProperty("java.vm.version"));
      update(sha, spec.mainClass());
      for (String entry : spec.classpath().split(File.pathSeparator)) {
        Path p = Path.of(entry);
        update(sha, entry);
        try {
          update(sha, Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
          update(sha, "missing"); // the JVM skips it; a later build changes the key
        }
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
