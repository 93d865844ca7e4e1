package io.tideway.contracts.mapping;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The mappings a deployment knows: the ones shipped in this jar ({@code mappings/*.yaml}) and,
 * overriding them by name, the files of an optional directory ({@code TIDEWAY_MAPPINGS_DIR}).
 */
public final class MappingCatalog implements AutoCloseable {

  /** The mapping of files dropped straight into the inbox. */
  public static final String DEFAULT_MAPPING = "healthcare-admissions";

  /**
   * The work-dir folder of files dropped into the inbox itself: their mapping is chosen by their
   * header (and inferred when none fits). Ingest claims them there; the launcher puts them back.
   */
  public static final String BY_HEADER = "_by-header";

  private static final String BUILT_IN_INDEX = "mappings/catalog.txt";

  private final Map<String, Mapping> builtIns;
  private final List<Path> dirs;
  private volatile Map<String, Mapping> byName;
  private final Map<String, String> seedTexts;
  private String lastSignature;
  private final MappingVersions versions = new MappingVersions();
  private volatile boolean live;
  private volatile MappingTopic feed;
  private volatile Duration wait = Duration.ofSeconds(60);

  private MappingCatalog(
      Map<String, Mapping> builtIns,
      List<Path> dirs,
      Map<String, Mapping> all,
      Map<String, String> seedTexts) {
    this.builtIns = builtIns;
    this.dirs = dirs;
    this.byName = all;
    this.seedTexts = seedTexts;
    this.lastSignature = signature();
  }

  /** Built-in mappings plus those in {@code dir} (ignored when null or absent). */
  public static MappingCatalog load(Path dir) {
    return load(dir == null ? List.of() : List.of(dir));
  }

  /**
   * Built-in mappings plus the files of {@code dirs}, later directories overriding earlier ones by
   * name; an invalid file fails here, naming its file and line.
   */
  public static MappingCatalog load(List<Path> dirs) {
    Map<String, Mapping> builtIns = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    for (String file : builtInFiles()) {
      String resource = "mappings/" + file;
      try (InputStream in = MappingCatalog.class.getClassLoader().getResourceAsStream(resource)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Mapping m = MappingLoader.read(text, resource);
        builtIns.put(m.name(), m);
        texts.put(m.name(), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Map<String, Mapping> all = new LinkedHashMap<>(builtIns);
    for (Path dir : dirs) {
      all.putAll(readDir(dir, true, texts));
    }
    return new MappingCatalog(Map.copyOf(builtIns), List.copyOf(dirs), all, texts);
  }

  /**
   * The directories of a {@code mappings-dir} setting: one path, or several separated by the
   * platform path separator ({@code :} on Unix).
   */
  public static List<Path> dirs(String setting) {
    if (setting == null || setting.isBlank()) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    for (String part : setting.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (!part.isBlank()) {
        out.add(Path.of(part.strip()));
      }
    }
    return out;
  }

  private static Map<String, Mapping> readDir(Path dir, boolean strict, Map<String, String> texts) {
    Map<String, Mapping> out = new LinkedHashMap<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(MappingCatalog::isMappingFile).sorted().toList()) {
        try {
          String text = Files.readString(p, StandardCharsets.UTF_8);
          Mapping m = MappingLoader.read(text, p.toString());
          out.put(m.name(), m);
          if (texts != null) {
            texts.put(m.name(), text);
          }
        } catch (MappingException | java.nio.charset.MalformedInputException e) {
          if (strict) {
            throw e;
          }
          // A file added while running that does not parse is skipped: the service keeps
          // working with the mappings it has; the file's problem shows where it is used.
        }
      }
    } catch (IOException e) {
      throw new MappingException(
          "cannot read mappings directory " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Reads the mapping directories again when their files changed since the last look, and adds the
   * mappings that appeared; a mapping inferred by ingest while the stack runs reaches the other
   * services this way, before its first row. Known mappings never change under a running service.
   */
  private synchronized void rescan() {
    String seen = signature();
    if (dirs.isEmpty() || seen.equals(lastSignature)) {
      return;
    }
    lastSignature = seen;
    Map<String, Mapping> next = new LinkedHashMap<>(byName);
    for (Path dir : dirs) {
      readDir(dir, false, null).forEach(next::putIfAbsent);
    }
    byName = next;
  }

  /** The names, sizes and times of the mapping files: what tells that a directory changed. */
  private String signature() {
    StringBuilder sig = new StringBuilder();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(MappingCatalog::isMappingFile).sorted().toList()) {
          sig.append(p).append(' ').append(Files.size(p)).append(' ');
          sig.append(Files.getLastModifiedTime(p).toMillis()).append('\n');
        }
      } catch (IOException e) {
        sig.append(dir).append(" unreadable\n");
      }
    }
    return sig.toString();
  }

  /** No local mapping at all: only what a feed reads from the mappings topic (tools). */
  public static MappingCatalog empty() {
    return new MappingCatalog(Map.of(), List.of(), new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /** Built-ins only. */
  public static MappingCatalog builtIn() {
    return load(List.of());
  }

  /**
   * The mapping a reference names: {@code name@N} is version N exactly (waiting up to the mapping
   * wait for the feed to read it, see {@link #version}); a plain name is its latest version on the
   * mappings topic, else the jar's or a mapping directory's; a name not known yet makes the mapping
   * directories be read again.
   */
  public Optional<Mapping> find(String ref) {
    MappingRef r = MappingRef.parse(ref);
    if (r != null && r.version() > 0 && (live || versions.has(r.name(), r.version()))) {
      return Optional.of(version(r.name(), r.version(), wait).mapping());
    }
    String name = r == null ? null : r.name();
    Optional<MappingVersions.Versioned> latest = versions.latest(name);
    if (latest.isPresent()) {
      return Optional.of(latest.get().mapping());
    }
    Mapping m = name == null ? null : byName.get(name);
    if (m == null && name != null) {
      rescan();
      m = byName.get(name);
    }
    return Optional.ofNullable(m);
  }

  /**
   * Version {@code version} of {@code name}, waiting until {@code timeout} for the mappings topic
   * to deliver it; a {@link MappingException} saying what it waited for when it does not arrive.
   */
  public MappingVersions.Versioned version(String name, int version, Duration timeout) {
    return versions.await(name, version, timeout);
  }

  /** The latest version of {@code name} read from the mappings topic, if any. */
  public Optional<MappingVersions.Versioned> latest(String name) {
    return versions.latest(name);
  }

  /** Every version read from the mappings topic, per name. */
  public MappingVersions versions() {
    return versions;
  }

  /**
   * Takes a record of the mappings topic; one whose text does not parse is skipped with a warning
   * (apply validates before publishing, so only a foreign producer can write one).
   */
  public void accept(io.tideway.contracts.payload.MappingVersion record) {
    versions.accept(record);
  }

  /**
   * How long a {@code name@N} reference waits for the feed to read version N, once a feed is
   * attached (without one it falls back to the local files).
   */
  public void setMappingWait(Duration wait) {
    this.wait = wait;
  }

  /** The feed that fills this catalogue from the mappings topic (none in tests and tools). */
  public Optional<MappingTopic> feed() {
    return Optional.ofNullable(feed);
  }

  /** Stops the feed, if one is attached. */
  @Override
  public void close() {
    MappingTopic f = feed;
    if (f != null) {
      f.close();
    }
  }

  /** Serves the versions {@code feed} reads from now on (called by the feed as it starts). */
  public void attach(MappingTopic feed) {
    this.feed = feed;
    this.live = true;
  }

  /** How long a versioned lookup waits for the feed. */
  public Duration mappingWait() {
    return wait;
  }

  /**
   * The texts of the jar's and the mapping directories' mappings (a directory's overriding the
   * jar's by name): what is published as origin {@code built-in} at start.
   */
  public Map<String, String> seedTexts() {
    return Map.copyOf(seedTexts);
  }

  /** The version reference of the latest version of {@code name}: {@code name@N}, or the name. */
  public String currentRef(String name) {
    return versions
        .latest(name)
        .map(v -> MappingRef.of(name, v.record().version()).toString())
        .orElse(name);
  }

  /** Adds a mapping to this catalogue (one just inferred by this process). */
  public synchronized void add(Mapping m) {
    Map<String, Mapping> next = new LinkedHashMap<>(byName);
    next.putIfAbsent(m.name(), m);
    byName = next;
  }

  /** Whether {@code name} is one of the mappings shipped in the jar. */
  public boolean isBuiltIn(String name) {
    return builtIns.containsKey(name);
  }

  /**
   * The mapping whose columns this header has: every header column mapped and every required column
   * present. An exact match of the mapped columns wins; null when none fits.
   */
  public Mapping matching(List<String> header) {
    Mapping fitting = null;
    for (Mapping m : all()) {
      if (m.fits(header)) {
        if (new java.util.HashSet<>(m.sourceColumns()).equals(new java.util.HashSet<>(header))) {
          return m;
        }
        if (fitting == null) {
          fitting = m;
        }
      }
    }
    return fitting;
  }

  /** The named mapping, or a {@link MappingException} listing the known ones. */
  public Mapping get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new MappingException(
                    "unknown mapping '"
                        + name
                        + "' (known: "
                        + all().stream().map(Mapping::name).toList()
                        + ")"));
  }

  /** Every known mapping once: the latest version read from the topic, else the local file. */
  public Collection<Mapping> all() {
    Map<String, Mapping> out = new LinkedHashMap<>(byName);
    for (String name : versions.names()) {
      versions.latest(name).ifPresent(v -> out.put(name, v.mapping()));
    }
    return List.copyOf(out.values());
  }

  private static boolean isMappingFile(Path p) {
    String n = p.getFileName().toString();
    return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
  }

  private static Iterable<String> builtInFiles() {
    InputStream in = MappingCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN_INDEX);
    if (in == null) {
      return List.of();
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
