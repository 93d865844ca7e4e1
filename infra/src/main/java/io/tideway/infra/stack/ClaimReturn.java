package io.tideway.infra.stack;

import io.tideway.contracts.mapping.MappingCatalog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Puts files that ingest had claimed ({@code <work>/processing/<mapping>/<name>}) back into the
 * inbox, for a start whose Kafka logs no longer hold their progress: they are ingested again from
 * the first row. A file claimed with the default mapping goes back to the inbox itself, any other
 * to {@code <inbox>/<mapping>/}, so it keeps its mapping. A namesake already waiting in the inbox
 * is never overwritten: the returned file gets a free name ({@link #freeName}).
 */
public final class ClaimReturn {

  /** One file put back: where it was claimed and where it is now. */
  public record Returned(Path from, Path to) {}

  private ClaimReturn() {}

  /** Moves every claimed file under {@code workDir} into {@code inbox}; returns what moved. */
  static List<Returned> returnClaims(Path workDir, Path inbox) throws IOException {
    Path processing = workDir.resolve("processing");
    List<Returned> returned = new ArrayList<>();
    if (!Files.isDirectory(processing)) {
      return returned;
    }
    for (Path mappingDir : list(processing)) {
      if (!Files.isDirectory(mappingDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String mapping = mappingDir.getFileName().toString();
      Path target = droppedAtTop(mapping) ? inbox : inbox.resolve(mapping);
      for (Path file : list(mappingDir)) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")
            || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue; // sidecars travel with their file below
        }
        Files.createDirectories(target);
        Path to =
            target.resolve(
                freeName(
                    name,
                    n ->
                        Files.exists(target.resolve(n))
                            || Files.exists(target.resolve("." + n + ".origin"))));
        Path origin = sidecar(file, ".origin");
        if (Files.exists(origin)) {
          // The S3 source's note of where the file came from is read at claim time from the inbox.
          Files.move(origin, to.resolveSibling("." + to.getFileName() + ".origin"));
        }
        Files.move(file, to);
        // The manifest's checkpoint points into Kafka logs that are gone: the file starts over.
        Files.deleteIfExists(sidecar(file, ".ingest.json"));
        Files.deleteIfExists(sidecar(file, ".ingest.json.tmp"));
        returned.add(new Returned(file, to));
      }
    }
    return returned;
  }

  /**
   * Claims of files dropped into the inbox itself: the {@link MappingCatalog#BY_HEADER} folder (the
   * mapping is chosen by the header), or the default mapping (how earlier versions claimed them).
   * They go back to the inbox itself, not into a folder of that name.
   */
  static boolean droppedAtTop(String mappingFolder) {
    return mappingFolder.equals(MappingCatalog.BY_HEADER)
        || mappingFolder.equals(MappingCatalog.DEFAULT_MAPPING);
  }

  /**
   * {@code name} when it is free, else the first free {@code <stem>.returned-N<ext>}, where the
   * extension ({@code .csv}, {@code .csv.gz}, ...) stays last so the file is read the same way.
   */
  static String freeName(String name, Predicate<String> taken) {
    if (!taken.test(name)) {
      return name;
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    int cut = lower.endsWith(".csv.gz") ? name.length() - 7 : name.lastIndexOf('.');
    String stem = cut > 0 ? name.substring(0, cut) : name;
    String ext = cut > 0 ? name.substring(cut) : "";
    for (int n = 1; ; n++) {
      String candidate = stem + ".returned-" + n + ext;
      if (!taken.test(candidate)) {
        return candidate;
      }
    }
  }

  private static Path sidecar(Path file, String suffix) {
    return file.resolveSibling("." + file.getFileName() + suffix);
  }

  /** The entries of a directory, sorted (claims are returned and handed over in a stable order). */
  static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(entries::add);
    }
    entries.sort(null);
    return entries;
  }
}
