package io.tideway.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the claims of an ingest work dir no replica of this start will run on (an earlier start had
 * more replicas) into the work dir of one that will, manifest included: that replica resumes them
 * from their last committed checkpoint like its own, under the same file id. For a start whose
 * Kafka logs still hold that progress; otherwise {@link ClaimReturn} puts them back into the inbox.
 */
public final class ClaimHandover {

  /**
   * One claim moved, or left in place ({@code to} null) because every target has a namesake in
   * flight.
   */
  public record Handed(Path from, Path to) {}

  private ClaimHandover() {}

  /**
   * Moves every claim in {@code orphan}'s processing/ to the first of {@code targets} without a
   * namesake.
   */
  static List<Handed> handOver(Path orphan, List<Path> targets) throws IOException {
    Path processing = orphan.resolve("processing");
    List<Handed> handed = new ArrayList<>();
    if (!Files.isDirectory(processing, LinkOption.NOFOLLOW_LINKS)) {
      return handed;
    }
    for (Path mappingDir : ClaimReturn.list(processing)) {
      if (!Files.isDirectory(mappingDir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      for (Path file : ClaimReturn.list(mappingDir)) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          continue; // sidecars travel with their file; a claimed link is handed over to be refused
          // there
        }
        Path to = null;
        for (Path target : targets) {
          Path dir = target.resolve("processing").resolve(mappingDir.getFileName().toString());
          if (!Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            to = Files.createDirectories(dir).resolve(name);
            break;
          }
        }
        if (to != null) {
          // Sidecars first: a crash in between leaves the file where the next start finds it again.
          for (String suffix : List.of(".ingest.json", ".origin")) {
            Path sidecar = file.resolveSibling("." + name + suffix);
            if (Files.exists(sidecar, LinkOption.NOFOLLOW_LINKS)) {
              Files.move(
                  sidecar,
                  to.resolveSibling("." + name + suffix),
                  StandardCopyOption.ATOMIC_MOVE,
                  StandardCopyOption.REPLACE_EXISTING);
            }
          }
          Files.deleteIfExists(file.resolveSibling("." + name + ".ingest.json.tmp"));
          Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
        }
        handed.add(new Handed(file, to));
      }
    }
    return handed;
  }
}
