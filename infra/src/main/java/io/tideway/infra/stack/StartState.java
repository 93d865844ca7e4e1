package io.tideway.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start of the local stack does with the state it finds. It never deletes input: with an
 * in-memory store it wipes only the {@linkplain Layout#ephemeral() ephemeral} state (Kafka logs,
 * cleaner state, which describe documents that are gone) and puts claimed, unfinished files back
 * into the inbox; archive/ and error/ keep their files. Otherwise everything is resumed as found.
 */
public final class StartState {

  private static final Logger LOG = LoggerFactory.getLogger(StartState.class);

  private StartState() {}

  /**
   * Whether the state found at start describes a store that no longer exists: MongoDB embedded in
   * memory (no data dir, no {@code MONGO_URI}) behind an embedded Kafka. With an external Kafka its
   * logs belong to it; with a durable store the logs and the store survive together.
   */
  public static boolean stale(Layout layout, StackSettings settings) {
    return !layout.durable()
        && settings.externalKafka() == null
        && settings.externalMongo() == null;
  }

  /**
   * Prepares the state for a start; returns the files put back into {@code settings.inbox()}.
   * Covers every ingest work dir found, also those of replicas an earlier start ran and this one
   * does not.
   */
  public static List<ClaimReturn.Returned> prepare(Layout layout, StackSettings settings)
      throws IOException {
    List<Path> running = new ArrayList<>();
    for (int i = 0; i < settings.replicas(); i++) {
      running.add(layout.ingestWork(i));
      requireOneFileSystem(settings.inbox(), layout.ingestWork(i));
    }
    if (!stale(layout, settings)) {
      adoptStoreOfEarlierVersion(layout);
      handOverOrphanedClaims(layout, running);
      return List.of();
    }
    wipeEphemeral(layout);
    List<ClaimReturn.Returned> returned = new ArrayList<>();
    for (Path work : layout.ingestWorkDirs()) {
      List<ClaimReturn.Returned> fromWork = ClaimReturn.returnClaims(work, settings.inbox());
      if (!fromWork.isEmpty()) {
        LOG.info(
            "returned {} unfinished file(s) from {} to {}; they are ingested again from the first row",
            fromWork.size(),
            work.resolve("processing"),
            settings.inbox());
      }
      returned.addAll(fromWork);
    }
    return returned;
  }

  /**
   * Claims in the work dir of a replica that does not run now go to one that does, to be resumed.
   */
  private static void handOverOrphanedClaims(Layout layout, List<Path> running) throws IOException {
    for (Path work : layout.ingestWorkDirs()) {
      if (running.contains(work)) {
        continue;
      }
      for (ClaimHandover.Handed h : ClaimHandover.handOver(work, running)) {
        if (h.to() != null) {
          LOG.info("handed the unfinished file {} over to {}, which resumes it", h.from(), h.to());
        } else {
          LOG.warn(
              "the unfinished file {} stays where it is: every running ingest replica has a namesake in"
                  + " flight. Start with more --replicas to resume it, or move it once those finished",
              h.from());
        }
      }
    }
  }

  /**
   * Ingest claims a file by an atomic rename from the inbox into its work dir, which a rename
   * across file systems cannot be: refuse at start rather than fail every file.
   */
  static void requireOneFileSystem(Path inbox, Path workDir) throws IOException {
    Files.createDirectories(inbox);
    Files.createDirectories(workDir);
    if (!Files.getFileStore(inbox).equals(Files.getFileStore(workDir))) {
      throw new IllegalStateException(
          "the inbox "
              + inbox
              + " and the ingest work dir "
              + workDir
              + " are on different file systems, so files cannot be claimed atomically: put the inbox"
              + " (--inbox) and the data dir (--data-dir) on one file system");
    }
  }

  /**
   * Earlier versions kept the store file in the data dir itself; it now lives in {@code mongo/}.
   */
  private static void adoptStoreOfEarlierVersion(Layout layout) throws IOException {
    if (!layout.durable()) {
      return;
    }
    Path legacy = layout.dataDir().resolve("tideway.mv");
    Path current = layout.mongoData().resolve("tideway.mv");
    if (Files.exists(legacy) && !Files.exists(current)) {
      Files.createDirectories(layout.mongoData());
      Files.move(legacy, current, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      LOG.info("moved the MongoDB store {} to {}", legacy, current);
    }
  }

  /** Deletes the layout's ephemeral directories (never the ingest work dir). */
  public static void wipeEphemeral(Layout layout) throws IOException {
    for (Path dir : layout.ephemeral()) {
      if (Files.exists(dir)) {
        try (var paths = Files.walk(dir)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    }
  }
}
