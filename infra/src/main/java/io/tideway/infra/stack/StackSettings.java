package io.tideway.infra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings of the local stack, from the environment (12-factor): external Kafka/MongoDB replace the
 * embedded ones when {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGO_URI} are set. The one place the
 * launcher reads its environment (docs/CONFIGURATION.md, "The local stack").
 *
 * @param bindHost the address the services' HTTP ports listen on ({@code TIDEWAY_BIND_HOST},
 *     default {@code 127.0.0.1}: like Kafka and MongoDB, a local stack is not reachable from the
 *     network)
 * @param replicas how many processes of ingest, cleaner and loader run ({@code --replicas}, default
 *     1); above one, two verifiers run, one active and one standby ({@link ServiceInstance#of})
 * @param mongoHeapOverride the embedded store's heap ({@code TIDEWAY_MONGO_HEAP}), null for {@link
 *     #mongoHeap(boolean) the default}
 * @param replicationFactor replication of the topics created at start ({@code
 *     TIDEWAY_REPLICATION_FACTOR}, default 1)
 * @param mappingsDir extra mapping directories ({@code TIDEWAY_MAPPINGS_DIR}, separated by {@code
 *     :}), null for none
 */
public record StackSettings(
    String externalKafka,
    String externalMongo,
    int kafkaPort,
    int mongoPort,
    int httpPortBase,
    String bindHost,
    int partitions,
    String topicPrefix,
    Path inbox,
    int replicas,
    String mongoHeapOverride,
    short replicationFactor,
    String mappingsDir) {

  /** The default of {@link #bindHost()}. */
  public static final String LOOPBACK = "127.0.0.1";

  /** The in-memory store's default heap, in GB ({@link #mongoHeap}). */
  private static final int IN_MEMORY_HEAP_GB = 8;

  /** Promotes a young object at its first collection ({@link #mongoGcOptions}). */
  private static final String PROMOTE_AT_ONCE = "-XX:MaxTenuringThreshold=0";

  /** Where the launcher keeps PID files, logs and (without a data dir) its state. */
  static final String STATE_DIR_ENV = "TIDEWAY_STATE_DIR";

  public StackSettings {
    ServiceInstance.of(
        java.util.EnumSet.allOf(ServiceCatalog.class), replicas); // validates the count
  }

  /** Settings with {@code replicas} of each service and the defaults of the rest. */
  public StackSettings(
      String externalKafka,
      String externalMongo,
      int kafkaPort,
      int mongoPort,
      int httpPortBase,
      String bindHost,
      int partitions,
      String topicPrefix,
      Path inbox,
      int replicas) {
    this(
        externalKafka,
        externalMongo,
        kafkaPort,
        mongoPort,
        httpPortBase,
        bindHost,
        partitions,
        topicPrefix,
        inbox,
        replicas,
        null,
        (short) 1,
        null);
  }

  /** The same settings with {@code n} replicas. */
  public StackSettings withReplicas(int n) {
    return new StackSettings(
        externalKafka,
        externalMongo,
        kafkaPort,
        mongoPort,
        httpPortBase,
        bindHost,
        partitions,
        topicPrefix,
        inbox,
        n,
        mongoHeapOverride,
        replicationFactor,
        mappingsDir);
  }

  /**
   * The same settings for a stack of its own beside any other: embedded Kafka and MongoDB on these
   * ports, HTTP on loopback ({@code ./pipeline check}).
   */
  public StackSettings isolatedOn(int kafka, int mongo, int httpBase) {
    return new StackSettings(
        null,
        null,
        kafka,
        mongo,
        httpBase,
        LOOPBACK,
        partitions,
        topicPrefix,
        inbox,
        replicas,
        mongoHeapOverride,
        replicationFactor,
        mappingsDir);
  }

  /**
   * The embedded store's heap: {@code TIDEWAY_MONGO_HEAP} if set. In memory it holds every document
   * as its BSON bytes with its index entries, about 1 KB each for the reference mapping (165,000
   * documents: 158 MB after a full collection), so 8 GB hold several million. On disk (H2) only the
   * page cache lives on the heap. A maximum, not a reservation.
   */
  public String mongoHeap(boolean inMemory) {
    if (mongoHeapOverride != null) {
      return mongoHeapOverride;
    }
    return inMemory ? IN_MEMORY_HEAP_GB + "g" : "2g";
  }

  /**
   * The embedded store's collector options. In memory every inserted document lives as long as the
   * store, so a young collection can only copy it out: it is promoted at the first one instead of
   * being copied between survivor spaces up to 15 times, in a young generation of 680 MB. The old
   * generation starts as large as the heap may grow, where the machine has the memory ({@link
   * #storeStartHeap}): grown from a small start, it grew through full collections of every document
   * held, two of 1.8 and 3.4 s on the way to 1,000,000 (docs/BENCHMARKS.md). A start size only
   * reserves: pages are used as the store allocates. With {@code TIDEWAY_MONGO_HEAP} set, the heap
   * starts at the JVM's default, which cannot exceed it.
   */
  public List<String> mongoGcOptions(boolean inMemory) {
    return mongoGcOptions(inMemory, physicalMemoryBytes());
  }

  /** {@link #mongoGcOptions(boolean)} on a machine of {@code physicalBytes}. */
  List<String> mongoGcOptions(boolean inMemory, long physicalBytes) {
    if (!inMemory) {
      return List.of(); // on disk the heap is a page cache, whose pages do come and go
    }
    return mongoHeapOverride != null
        ? List.of(PROMOTE_AT_ONCE)
        : List.of("-Xms" + storeStartHeap(physicalBytes) + "m", "-Xmn680m", PROMOTE_AT_ONCE);
  }

  /**
   * The in-memory store's start heap in MB: the default maximum (8 GB) where that is at most half
   * the machine's memory, else half of it, but never under 2 GB (a start above the machine's memory
   * and swap would keep the JVM from starting under Linux's default overcommit rule).
   */
  static long storeStartHeap(long physicalBytes) {
    long half = physicalBytes / 2 / (1024 * 1024);
    return Math.max(2048, Math.min(IN_MEMORY_HEAP_GB * 1024L, half));
  }

  private static long physicalMemoryBytes() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
  }

  /** The launcher's state directory: {@code TIDEWAY_STATE_DIR}, else {@code home/.tideway}. */
  public static Path stateDir(Path home, Map<String, String> env) {
    String override = blankToNull(env.get(STATE_DIR_ENV));
    return (override == null ? home.resolve(".tideway") : Path.of(override.strip()))
        .toAbsolutePath();
  }

  /**
   * Whether the stack's service and broker JVMs get the full JIT ({@code TIDEWAY_JIT=full}) instead
   * of C1 only ({@link ProcessSpec#QUICK_JIT}, the default; the embedded store always has the full
   * JIT, {@link ProcessSpec#localJit}).
   */
  public static boolean fullJit(Map<String, String> env) {
    return "full".equalsIgnoreCase(env.getOrDefault("TIDEWAY_JIT", "quick").strip());
  }

  /** Whether the stack's JVMs use class-data archives ({@code TIDEWAY_CDS=on}; off by default). */
  public static boolean classDataSharing(Map<String, String> env) {
    return "on".equalsIgnoreCase(env.getOrDefault("TIDEWAY_CDS", "off").strip());
  }

  /** Where Linux says whether it gives transparent huge pages always, on request or never. */
  static final Path HUGE_PAGES_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  /**
   * Whether the stack's JVMs ask for transparent huge pages for their heaps ({@code
   * TIDEWAY_HUGE_PAGES=on|off}): by default where the kernel gives them on request ({@code
   * kernelMode} reads {@code [madvise]}). A heap's memory is then taken 2 MB at a time instead of 4
   * KB; on a virtual machine whose every first touch of a page costs the host a fault, that was 4
   * GB touched in 4.3 s instead of 16.9 s (docs/BENCHMARKS.md).
   */
  public static boolean hugePages(Map<String, String> env, String kernelMode) {
    String asked = env.getOrDefault("TIDEWAY_HUGE_PAGES", "auto").strip();
    if (asked.equalsIgnoreCase("on") || asked.equalsIgnoreCase("off")) {
      return asked.equalsIgnoreCase("on");
    }
    return kernelMode != null && kernelMode.contains("[madvise]");
  }

  /** {@link #hugePages(Map, String)} of the launcher's environment and this machine's kernel. */
  static boolean hugePages() {
    String mode;
    try {
      mode = Files.readString(HUGE_PAGES_MODE);
    } catch (IOException | RuntimeException e) {
      mode = null; // not Linux, or no such setting: the JVM's default
    }
    return hugePages(System.getenv(), mode);
  }

  /** {@link #fullJit(Map)} of the launcher's environment. */
  static boolean fullJit() {
    return fullJit(System.getenv());
  }

  /** {@link #classDataSharing(Map)} of the launcher's environment. */
  static boolean classDataSharing() {
    return classDataSharing(System.getenv());
  }

  /** The service processes these settings start, replica 0 of each first. */
  public java.util.List<ServiceInstance> instances(java.util.Set<ServiceCatalog> services) {
    return ServiceInstance.of(services, replicas);
  }

  public static StackSettings fromEnvironment(Path inbox, Integer partitionsOverride) {
    return fromEnvironment(System.getenv(), inbox, partitionsOverride);
  }

  /** As {@link #fromEnvironment(Path, Integer)}, from the given environment. */
  public static StackSettings fromEnvironment(
      Map<String, String> env, Path inbox, Integer partitionsOverride) {
    int partitions =
        partitionsOverride != null
            ? partitionsOverride
            : Integer.parseInt(env.getOrDefault("TIDEWAY_PARTITIONS", "6"));
    String bindHost = blankToNull(env.get("TIDEWAY_BIND_HOST"));
    return new StackSettings(
        blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
        blankToNull(env.get("MONGO_URI")),
        Integer.parseInt(env.getOrDefault("TIDEWAY_KAFKA_PORT", "9092")),
        Integer.parseInt(env.getOrDefault("TIDEWAY_MONGO_PORT", "27017")),
        Integer.parseInt(env.getOrDefault("TIDEWAY_HTTP_PORT", "8080")),
        bindHost == null ? LOOPBACK : bindHost,
        partitions,
        env.getOrDefault("TIDEWAY_TOPIC_PREFIX", "tideway."),
        inbox,
        1,
        blankToNull(env.get("TIDEWAY_MONGO_HEAP")) == null
            ? null
            : env.get("TIDEWAY_MONGO_HEAP").strip(),
        Short.parseShort(env.getOrDefault("TIDEWAY_REPLICATION_FACTOR", "1")),
        blankToNull(env.get("TIDEWAY_MAPPINGS_DIR")));
  }

  public String bootstrapServers() {
    return externalKafka != null ? externalKafka : "localhost:" + kafkaPort;
  }

  public String mongoUri() {
    return externalMongo != null ? externalMongo : "mongodb://localhost:" + mongoPort;
  }

  /** Base URL of the verifier's dashboard and API. */
  public String verifierUrl() {
    return "http://localhost:" + ServiceCatalog.VERIFIER.port(httpPortBase);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
