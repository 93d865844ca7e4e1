package io.tideway.infra.stack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * The H2 (MVStore) backend of mongo-java-server, made to acknowledge a write only once it is on
 * disk. The library never commits itself: it leaves that to the MVStore's background writer (every
 * second, or after about 1 MB of changes), and answers the client before, so a {@code kill -9} of
 * the store lost writes the driver had seen acknowledged. Here every write command commits and
 * syncs the file before its reply is sent. The background writer stays on for its housekeeping
 * (rewriting sparse chunks), which a store without it never does.
 */
final class DurableH2Backend extends H2Backend {

  /**
   * Commands that change data or metadata; compared in lower case (the wire allows findandmodify).
   */
  private static final Set<String> WRITES =
      Set.of(
          "insert",
          "update",
          "delete",
          "findandmodify",
          "createindexes",
          "dropindexes",
          "deleteindexes",
          "drop",
          "dropdatabase",
          "create",
          "renamecollection");

  /**
   * Page cache of the store, in MB. The MVStore default (16) holds a tenth of a 200,000-document
   * collection; the loader's random {@code _id}s then read most B-tree leaves from the file on
   * every batch. The store's JVM has a 2 GB heap.
   */
  private static final int CACHE_MB = 512;

  private final MVStore store;

  private DurableH2Backend(MVStore store) {
    super(store);
    this.store = store;
  }

  /**
   * Opens (or creates) the store file; the MVStore's background writer stays on for its
   * housekeeping.
   */
  static DurableH2Backend open(String fileName) {
    return new DurableH2Backend(
        new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).open());
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      // Also after a failed command: an unordered insert may have stored part of its documents,
      // and the reply tells the client which. Any other command that changed something (an
      // aggregate with $out) is caught by the check; a read that changed nothing costs only that.
      if (WRITES.contains(command.toLowerCase(Locale.ROOT)) || store.hasUnsavedChanges()) {
        makeDurable();
      }
    }
  }

  /**
   * Writes the changes as a new chunk and forces the file to disk. A concurrent caller's commit may
   * already have written this thread's change; the sync still waits for it to reach the disk.
   */
  private void makeDurable() {
    if (!store.isClosed()) {
      store.commit();
      store.sync();
    }
  }
}
