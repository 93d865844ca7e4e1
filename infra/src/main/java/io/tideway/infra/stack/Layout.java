package io.tideway.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the local stack keeps its files. The one place that says which state is durable and which
 * is ephemeral:
 *
 * <ul>
 *   <li>Always under the state directory ({@code state}, default {@code .tideway/} in the
 *       repository): PID files and logs.
 *   <li>With a data directory ({@code dataDir}, {@code --data-dir DIR}): everything that describes
 *       the stored documents lives together in it and survives restarts — the MongoDB store ({@code
 *       mongo/}), the Kafka logs ({@code kafka/}), the cleaner's dedup state ({@code cleaner/}) and
 *       the ingest work dir ({@code ingest/}: processing, archive, error). Switching data
 *       directories therefore switches all of them at once.
 *   <li>Without one: MongoDB lives in memory, so the Kafka logs and cleaner state under the state
 *       directory describe a store that is gone at the next start; they are {@link #ephemeral()}.
 *       The ingest work dir holds the user's files and is never ephemeral.
 *   <li>With several replicas ({@code --replicas N}) replica 0 keeps the paths above and replica
 *       {@code i} uses siblings named {@code <dir>-i} ({@code ingest-1/}, {@code cleaner-1/}): each
 *       ingest claims into its own work dir and each cleaner has its own state, while all ingest
 *       replicas share one file-id registry ({@link #ingestIds()}).
 * </ul>
 *
 * @param dataDir the data directory, or null for an in-memory store
 */
public record Layout(Path home, Path state, Path dataDir) {

  /** A layout without a data directory (in-memory store). */
  public Layout(Path home, Path state) {
    this(home, state, null);
  }

  /** The layout for a repository root, with the state directory the settings name. */
  public static Layout of(Path home, Map<String, String> env) {
    return new Layout(home.toAbsolutePath(), StackSettings.stateDir(home, env));
  }

  /** The same layout with all store-describing state in {@code dir} (null: in memory). */
  public Layout withDataDir(Path dir) {
    return new Layout(home, state, dir == null ? null : dir.toAbsolutePath());
  }

  /** Whether the store and everything describing it survive a restart. */
  public boolean durable() {
    return dataDir != null;
  }

  /**
   * The directories that describe an in-memory store and are wiped with it at start (Kafka logs,
   * cleaner state); empty with a data directory. Never holds user input.
   */
  public List<Path> ephemeral() {
    if (durable()) {
      return List.of();
    }
    List<Path> dirs = new ArrayList<>(List.of(kafka()));
    dirs.addAll(replicaDirs(cleanerState()));
    return dirs;
  }

  public Path runDir() {
    return state.resolve("run");
  }

  public Path logs() {
    return state.resolve("logs");
  }

  /** The embedded MongoDB's files, or null when it runs in memory. */
  public Path mongoData() {
    return durable() ? dataDir.resolve("mongo") : null;
  }

  public Path kafka() {
    return storeRoot().resolve("kafka");
  }

  public Path cleanerState() {
    return durable() ? dataDir.resolve("cleaner") : state.resolve("state").resolve("cleaner");
  }

  /** The state dir of cleaner replica {@code replica} (Kafka Streams needs one per process). */
  public Path cleanerState(int replica) {
    return ofReplica(cleanerState(), replica);
  }

  /** processing/, archive/ and error/ of ingest: user files, never wiped. */
  public Path ingestWork() {
    return storeRoot().resolve("ingest");
  }

  /** The work dir ingest replica {@code replica} claims into and resumes from. */
  public Path ingestWork(int replica) {
    return ofReplica(ingestWork(), replica);
  }

  /** Every ingest work dir present, whatever replica count made it, replica 0's first. */
  public List<Path> ingestWorkDirs() {
    return replicaDirs(ingestWork());
  }

  /** The file-id registry all ingest replicas share (inside replica 0's work dir, its default). */
  public Path ingestIds() {
    return ingestWork().resolve("ids");
  }

  /**
   * The inbox {@code ./pipeline run} drops its files into: beside the work dir, so claims are
   * atomic renames.
   */
  public Path runInbox() {
    return storeRoot().resolve("inbox");
  }

  /**
   * Where ingest saves the mappings it infers for files no mapping fits: beside the store, so the
   * collections they name and the mappings stay together, and a later file with the same header
   * finds its mapping again.
   */
  public Path inferredMappings() {
    return storeRoot().resolve("mappings");
  }

  /** The mapping file a {@code run --mapping PATH} brings, for this run only. */
  public Path runMappings() {
    return state.resolve("run-mappings");
  }

  /**
   * The mapping directories every service reads, in override order: the inferred ones first (a
   * mapping a person wrote overrides an inferred namesake), then {@code TIDEWAY_MAPPINGS_DIR}, then
   * the file of {@code run --mapping}.
   */
  public List<Path> mappingDirs(String mappingsDirSetting) {
    List<Path> dirs = new java.util.ArrayList<>();
    dirs.add(inferredMappings());
    dirs.addAll(io.tideway.contracts.mapping.MappingCatalog.dirs(mappingsDirSetting));
    dirs.add(runMappings());
    return dirs;
  }

  public Path pidFile(String name) {
    return runDir().resolve(name + ".pid");
  }

  public Path log(String name) {
    return logs().resolve(name + ".log");
  }

  private static Path ofReplica(Path first, int replica) {
    if (replica < 0) {
      throw new IllegalArgumentException("replica " + replica);
    }
    return replica == 0 ? first : first.resolveSibling(first.getFileName() + "-" + replica);
  }

  /** {@code first} and the existing siblings {@code <first>-N}, by N. */
  static List<Path> replicaDirs(Path first) {
    List<Path> dirs = new ArrayList<>(List.of(first));
    Pattern sibling =
        Pattern.compile(Pattern.quote(first.getFileName().toString()) + "-([1-9][0-9]{0,3})");
    Path parent = first.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return dirs;
    }
    try (Stream<Path> entries = Files.list(parent)) {
      entries
          .map(p -> sibling.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Integer.parseInt(m.group(1)))
          .sorted()
          .forEach(n -> dirs.add(ofReplica(first, n)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parent, e);
    }
    return dirs;
  }

  private Path storeRoot() {
    return durable() ? dataDir : state;
  }

  /** The runtime classpath of a module built by {@code ./pipeline} (jar + dependencies). */
  public String classpath(String module) {
    Path target = home.resolve(module).resolve("target");
    try {
      String deps = java.nio.file.Files.readString(target.resolve("classpath.txt")).trim();
      Path jar = target.resolve(module + "-0.1.0-SNAPSHOT.jar");
      return jar + java.io.File.pathSeparator + deps;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "module "
              + module
              + " is not built (missing "
              + target.resolve("classpath.txt")
              + "); run ./pipeline build",
          e);
    }
  }
}
