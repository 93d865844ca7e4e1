package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import io.tideway.testkit.Poll;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The embedded store with {@code --data-dir} as its own process: every write the driver saw
 * acknowledged must be there after {@code kill -9} and a restart on the same directory. Also
 * measures what that durability costs, against the library's default (a background commit every
 * second), in the same run; the numbers go to {@code target/store-durability.txt}.
 */
class EmbeddedStoreDurabilityIT {

  private static final int WRITERS = 2;
  private static final int ROUNDS = 3;
  private static final int BATCH = 200;
  private static final Duration WRITE_PHASE = Duration.ofSeconds(3);
  private static final String PAYLOAD = "x".repeat(600);

  private final Path state = Path.of("target", "store-durability").toAbsolutePath();
  private final Layout layout = new Layout(Path.of("").toAbsolutePath().getParent(), state);

  @Test
  void everyAcknowledgedWriteSurvivesAKill9OfTheStore() throws Exception {
    Outcome durable = writeKillRestartCount("store", MongoServerMain.class.getName());

    // The library's default, for the cost of durability in the same run (its losses are reported,
    // not asserted).
    Outcome lazy =
        writeKillRestartCount("store-library-default", LibraryDefaultStoreMain.class.getName());
    String line =
        String.format(
            "store durability: acknowledged-then-flushed %.0f docs/s (lost %d of %d acknowledged);"
                + " library default %.0f docs/s (lost %d of %d acknowledged)%n",
            durable.docsPerSecond(),
            durable.lost(),
            durable.acknowledged(),
            lazy.docsPerSecond(),
            lazy.lost(),
            lazy.acknowledged());
    System.out.print(line);
    Files.writeString(
        Path.of("target", "store-durability.txt"),
        line,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);

    assertThat(durable.acknowledged()).as("writes acknowledged before the kill").isGreaterThan(0);
    assertThat(durable.lost()).as("acknowledged writes missing after kill -9 and restart").isZero();
  }

  private record Outcome(long acknowledged, long lost, double docsPerSecond) {}

  /**
   * {@link #ROUNDS} times: write from {@link #WRITERS} clients for {@link #WRITE_PHASE}, kill -9
   * the store right after an acknowledgement, restart it on the same directory and look for every
   * id acknowledged so far. Several rounds, because a kill can by chance land just after a
   * background commit that covered everything.
   */
  private Outcome writeKillRestartCount(String name, String mainClass) throws Exception {
    Path dataDir = state.resolve(name + "-data");
    deleteTree(dataDir);
    int port = freePort();
    ProcessSpec spec =
        new ProcessSpec(
            name,
            mainClass,
            System.getProperty("java.class.path"),
            "1g",
            List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString()),
            Map.of(),
            null);
    ManagedProcess store = new ManagedProcess(spec, layout);
    String uri =
        "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000";
    Set<String> acknowledgedBeforeKills = new HashSet<>();
    Set<String> missing = new HashSet<>();
    double writeSeconds = 0;
    store.start();
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> docs = client.getDatabase("tideway").getCollection("durability");
      for (int round = 0; round < ROUNDS; round++) {
        Readiness.await(
            name, Duration.ofSeconds(60), store::isAlive, () -> Readiness.portOpen(port));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < WRITERS; w++) {
          String prefix = "r" + round + "w" + w + "-";
          Thread t =
              new Thread(() -> write(docs, prefix, writing, acknowledged), name + "-writer-" + w);
          t.start();
          writers.add(t);
        }
        Poll.until(
            WRITE_PHASE.plusSeconds(60),
            "writes acknowledged for " + WRITE_PHASE,
            () -> System.nanoTime() - started >= WRITE_PHASE.toNanos() && !acknowledged.isEmpty());
        // Snapshot first: every id in it was acknowledged before the kill.
        acknowledgedBeforeKills.addAll(acknowledged);
        writeSeconds += (System.nanoTime() - started) / 1e9;
        ProcessHandle.of(store.pid()).orElseThrow().destroyForcibly();
        writing.set(false);
        Poll.until(Duration.ofSeconds(30), name + " gone after kill -9", () -> !store.isAlive());
        for (Thread t : writers) {
          t.join(TimeUnit.SECONDS.toMillis(30));
        }
        store.restart();
        Readiness.await(
            name + " (restarted)",
            Duration.ofSeconds(60),
            store::isAlive,
            () -> Readiness.portOpen(port));
        Set<String> present =
            Poll.value(
                Duration.ofSeconds(30),
                "the restarted store answering",
                () -> {
                  Set<String> ids = new HashSet<>();
                  docs.find()
                      .projection(Projections.include("_id"))
                      .forEach(d -> ids.add(d.getString("_id")));
                  return ids;
                });
        missing = new HashSet<>(acknowledgedBeforeKills);
        missing.removeAll(present);
      }
      return new Outcome(
          acknowledgedBeforeKills.size(),
          missing.size(),
          acknowledgedBeforeKills.size() / writeSeconds);
    } finally {
      store.stop(10);
    }
  }

  private static void write(
      MongoCollection<Document> docs,
      String prefix,
      AtomicBoolean writing,
      Set<String> acknowledged) {
    long n = 0;
    while (writing.get()) {
      List<Document> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++, n++) {
        // Spread like the loader's content-derived _ids: sequential keys would flatter a B-tree
        // store.
        batch.add(
            new Document(
                    "_id",
                    UUID.nameUUIDFromBytes((prefix + n).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .append("row", n)
                .append("payload", PAYLOAD));
      }
      try {
        docs.insertMany(batch);
      } catch (RuntimeException e) {
        return; // the store was killed: this batch was never acknowledged
      }
      batch.forEach(d -> acknowledged.add(d.getString("_id")));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
