package io.tideway.infra.stack;

import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: embedded MongoDB-compatible server and Kafka broker (unless external ones are
 * configured), the topics, and the four services, each its own JVM. A watchdog restarts any of them
 * that dies, like a container restart policy: the broker and the store on their data dirs.
 */
public final class Stack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Layout layout;
  private final StackSettings settings;
  private final Set<ServiceCatalog> selected;
  private final boolean withMongo;
  private final List<ManagedProcess> infrastructure = new ArrayList<>();
  private final List<ManagedProcess> services = new ArrayList<>();
  private volatile boolean stopping;
  private Thread watchdog;
  private Map<String, String> ingestEnvironment = Map.of();

  public Stack(Layout layout, StackSettings settings) {
    this(layout, settings, EnumSet.allOf(ServiceCatalog.class), true);
  }

  /**
   * A stack of some services only; {@code withMongo} false starts no MongoDB at all (for a dry run
   * whose services never touch it), whatever {@code MONGO_URI} says.
   */
  public Stack(
      Layout layout, StackSettings settings, Set<ServiceCatalog> services, boolean withMongo) {
    this.layout = layout;
    this.settings = settings;
    this.selected = EnumSet.copyOf(services);
    this.withMongo = withMongo;
  }

  /** Whether this stack started an embedded MongoDB process. */
  public boolean mongoStarted() {
    return infrastructure.stream().anyMatch(p -> p.name().equals("mongo"));
  }

  /** Names of the processes this stack started (infrastructure first). */
  public List<String> processNames() {
    List<String> names = new ArrayList<>();
    infrastructure.forEach(p -> names.add(p.name()));
    services.forEach(p -> names.add(p.name()));
    return names;
  }

  public StackSettings settings() {
    return settings;
  }

  public Layout layout() {
    return layout;
  }

  /**
   * Settings for ingest beyond the launcher's own environment (which every process inherits), e.g.
   * the S3 source's {@code TIDEWAY_S3_*}: for a caller that cannot set its environment, such as a
   * test. Set before {@link #start()}; replica 0 alone polls S3 whatever they say.
   */
  public Stack ingestEnvironment(Map<String, String> env) {
    this.ingestEnvironment = Map.copyOf(env);
    return this;
  }

  /**
   * How the embedded store is launched ({@link MongoServerMain} with {@code args}), in memory or on
   * disk; also what {@code ./pipeline bench} starts for the benches that write into a store.
   */
  public static ProcessSpec storeSpec(
      StackSettings settings, String infraClasspath, boolean inMemory, List<String> args) {
    return new ProcessSpec(
        "mongo",
        MongoServerMain.class.getName(),
        infraClasspath,
        settings.mongoHeap(inMemory),
        args,
        Map.of(),
        null,
        // The full JIT, unlike the services: see ProcessSpec.localJit.
        settings.mongoGcOptions(inMemory));
  }

  /** Starts everything and returns once every service answers {@code /health}. */
  public void start() throws IOException, InterruptedException {
    String infraClasspath = layout.classpath("infra");
    if (!withMongo) {
      LOG.info("no MongoDB in this stack");
    } else if (settings.externalMongo() == null) {
      refuseBusyPort(settings.mongoPort(), "MongoDB");
      List<String> args =
          new ArrayList<>(List.of("--port", Integer.toString(settings.mongoPort())));
      if (layout.mongoData() != null) {
        args.addAll(List.of("--data-dir", layout.mongoData().toString()));
      }
      ManagedProcess mongo =
          launch(
              storeSpec(settings, infraClasspath, layout.mongoData() == null, args),
              infrastructure);
      Readiness.await(
          "embedded MongoDB",
          START_TIMEOUT,
          mongo::isAlive,
          () -> Readiness.portOpen(settings.mongoPort()));
      LOG.info("embedded MongoDB-compatible server on {}", settings.mongoUri());
    } else {
      LOG.info("using external MongoDB from MONGO_URI");
    }
    if (settings.externalKafka() == null) {
      refuseBusyPort(settings.kafkaPort(), "Kafka");
      KafkaBroker broker = new KafkaBroker(layout, settings.kafkaPort(), settings.partitions());
      ManagedProcess kafka = launch(broker.prepare(infraClasspath), infrastructure);
      awaitOrExplain("Kafka broker", kafka, this::kafkaAnswers, layout.log(kafka.name()));
      LOG.info("Kafka broker (KRaft) on {}", settings.bootstrapServers());
    } else {
      LOG.info("using external Kafka at {}", settings.externalKafka());
    }
    createTopics();
    for (ServiceInstance s : instances()) {
      refuseBusyPort(s.port(settings.httpPortBase()), s.name());
      launch(serviceSpec(s), services);
    }
    for (ManagedProcess p : services) {
      awaitOrExplain(
          p.name(), p, () -> Readiness.httpOk(p.spec().healthUrl()), layout.log(p.name()));
    }
    if (selected.contains(ServiceCatalog.VERIFIER)) {
      LOG.info("all services healthy; dashboard on {}", settings.verifierUrl());
    } else {
      LOG.info("services healthy: {}", selected);
    }
    watchdog = new Thread(this::watch, "stack-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * The service processes this stack runs: replicas of ingest, cleaner and loader; one or two
   * verifiers.
   */
  public List<ServiceInstance> instances() {
    return settings.instances(selected);
  }

  /** Each service process with its base URL, for the operator: replica 0 first. */
  public List<String> urls() {
    List<String> urls = new ArrayList<>();
    for (ServiceInstance s : instances()) {
      String what =
          switch (s.service()) {
            case VERIFIER ->
                instances().stream().filter(i -> i.service() == ServiceCatalog.VERIFIER).count() > 1
                    ? "dashboard, API (one verifier active, the other standby: /health says which)"
                    : "dashboard, API";
            default -> "/health, /prometheus";
          };
      urls.add(String.format("%-20s %s   %s", s.name(), s.url(settings.httpPortBase()), what));
    }
    return urls;
  }

  ProcessSpec serviceSpec(ServiceCatalog s) {
    return serviceSpec(new ServiceInstance(s, 0));
  }

  /**
   * How to launch one instance. Whatever a replica must not share with another is set per replica
   * here: its HTTP port, ingest's work dir and instance id (its transactional ids), the loader's
   * instance id (its transactional id) and the cleaner's state dir (Kafka Streams' process id and
   * stores). They share the consumer groups, the Streams application id and ingest's id registry.
   */
  ProcessSpec serviceSpec(ServiceInstance instance) {
    ServiceCatalog s = instance.service();
    int replica = instance.replica();
    Map<String, String> env = new HashMap<>();
    env.put("MICRONAUT_SERVER_HOST", settings.bindHost());
    env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
    env.put("MONGO_URI", settings.mongoUri());
    env.put("TIDEWAY_TOPIC_PREFIX", settings.topicPrefix());
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(instance.port(settings.httpPortBase())));
    env.put("TIDEWAY_INBOX", settings.inbox().toString());
    env.put("TIDEWAY_INGEST_WORK_DIR", layout.ingestWork(replica).toString());
    env.put("TIDEWAY_INGEST_IDS_DIR", layout.ingestIds().toString());
    env.put("TIDEWAY_INGEST_INSTANCE_ID", "ingest-" + replica);
    env.put("TIDEWAY_LOADER_INSTANCE_ID", "loader-" + replica);
    env.put("TIDEWAY_CLEANER_STATE_DIR", layout.cleanerState(replica).toString());
    env.put("TIDEWAY_INFERRED_MAPPINGS_DIR", layout.inferredMappings().toString());
    env.put(
        "TIDEWAY_MAPPINGS_DIR",
        layout.mappingDirs(settings.mappingsDir()).stream()
            .map(Path::toString)
            .collect(Collectors.joining(java.io.File.pathSeparator)));
    if (s == ServiceCatalog.INGEST) {
      env.putAll(ingestEnvironment);
    }
    if (replica > 0) {
      // Each ingest remembers the S3 objects it fetched in its own work dir: several pollers would
      // each copy every object into the inbox. Replica 0 alone polls S3; all of them ingest.
      env.put("TIDEWAY_S3_ENABLED", "false");
    }
    if (s == ServiceCatalog.VERIFIER) {
      // The verifier forwards operator actions (rollback, replay) to the services that own the
      // data.
      env.put(
          "TIDEWAY_INGEST_URL",
          "http://localhost:" + ServiceCatalog.INGEST.port(settings.httpPortBase()));
      env.put(
          "TIDEWAY_LOADER_URL",
          "http://localhost:" + ServiceCatalog.LOADER.port(settings.httpPortBase()));
      // Its /api/health and the SERVICE_DOWN alerts ask every other process's /health.
      env.put("TIDEWAY_VERIFIER_HEALTH_SERVICES", watchedServices());
    }
    String heap = s == ServiceCatalog.CLEANER ? "768m" : "512m";
    return new ProcessSpec(
        instance.name(),
        s.mainClass(),
        layout.classpath(s.module()),
        heap,
        List.of(),
        env,
        instance.healthUrl(settings.httpPortBase()),
        ProcessSpec.localJit());
  }

  /**
   * {@code name=url} of every ingest, cleaner and loader process, comma-separated, for the
   * verifier's health watch (the verifiers are not watched: they answer the dashboard themselves).
   */
  String watchedServices() {
    List<String> out = new ArrayList<>();
    for (ServiceInstance i : instances()) {
      if (i.service() != ServiceCatalog.VERIFIER) {
        out.add(i.name() + "=" + i.url(settings.httpPortBase()));
      }
    }
    return String.join(",", out);
  }

  /** Waits for a process; when it dies, the failure names the reason from its log and the log. */
  private static void awaitOrExplain(
      String what, ManagedProcess p, java.util.function.BooleanSupplier ready, Path log) {
    try {
      Readiness.await(what, START_TIMEOUT, p::isAlive, ready);
    } catch (IllegalStateException e) {
      if (!p.isAlive()) {
        throw new IllegalStateException(StartupFailure.describe(what, log), e);
      }
      throw new IllegalStateException(e.getMessage() + " (log: " + log + ")", e);
    }
  }

  private ManagedProcess launch(ProcessSpec spec, List<ManagedProcess> group) throws IOException {
    ManagedProcess p = new ManagedProcess(spec, layout);
    p.start();
    group.add(p);
    LOG.info("started {} (PID {}, log {})", spec.name(), p.pid(), layout.log(spec.name()));
    return p;
  }

  /**
   * The live process of that name (e.g. {@code kafka}, {@code mongo}, {@code loader-service}), if
   * any.
   */
  public java.util.Optional<ManagedProcess> process(String name) {
    return java.util.stream.Stream.concat(infrastructure.stream(), services.stream())
        .filter(p -> p.name().equals(name))
        .findFirst();
  }

  private void watch() {
    while (!stopping) {
      // The broker and the store first: services only recover once those answer again.
      for (ManagedProcess p : infrastructure) {
        if (!stopping && !p.isAlive()) {
          restartInfrastructure(p);
        }
      }
      for (ManagedProcess p : services) {
        if (!stopping && !p.isAlive()) {
          LOG.warn(
              "{} exited with code {}; restarting it (see {})",
              p.name(),
              p.exitCode(),
              layout.log(p.name()));
          restart(p);
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void restartInfrastructure(ManagedProcess p) {
    boolean mongo = p.name().equals("mongo");
    Path data = mongo ? layout.mongoData() : layout.kafka();
    LOG.warn(
        "{} exited with code {}; restarting it on {} (see {})",
        p.name(),
        p.exitCode(),
        data == null ? "an empty in-memory store" : data,
        layout.log(p.name()));
    if (restart(p) && mongo && data == null) {
      LOG.error(
          "the embedded MongoDB restarted EMPTY: it kept its documents in memory (no --data-dir), so the"
              + " documents of every file loaded before are gone and those files need a replay. The cleaner still"
              + " counts their rows as seen: for each such file run ./pipeline rollback --file ID, then"
              + " ./pipeline replay --file ID; or stop the stack and drop the files again from {}."
              + " Start with --data-dir DIR to keep the store across restarts.",
          layout.ingestWorkDirs().stream()
              .map(d -> d.resolve("archive").toString())
              .collect(Collectors.joining(" or ")));
    }
  }

  private boolean restart(ManagedProcess p) {
    try {
      int n = p.restart();
      LOG.warn("{} restarted as PID {} (restart #{})", p.name(), p.pid(), n);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot restart {}: {}", p.name(), e.getMessage());
      return false;
    }
  }

  private boolean kafkaAnswers() {
    // Port first: an admin client against a closed port logs a warning per attempt.
    if (!Readiness.portOpen(settings.kafkaPort())) {
      return false;
    }
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get();
      return true;
    } catch (ExecutionException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Admin admin() {
    return KafkaClientFactory.fromEnvironment(settings.bootstrapServers())
        .admin(
            Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
  }

  /** Creates the missing topics; compacted ones keep the latest record per key. */
  private void createTopics() throws InterruptedException {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get();
      short replication = settings.replicationFactor();
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?> t : Topics.ALL) {
        String name = t.name(settings.topicPrefix());
        if (!existing.contains(name)) {
          NewTopic topic = new NewTopic(name, settings.partitions(), replication);
          if (Topics.COMPACTED.contains(t)) {
            topic.configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
          }
          missing.add(topic);
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        LOG.info(
            "created topics {} with {} partitions",
            missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")),
            settings.partitions());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
    }
  }

  private static void refuseBusyPort(int port, String what) {
    if (Readiness.portOpen(port)) {
      throw new IllegalStateException(
          "port "
              + port
              + " ("
              + what
              + ") is already in use: is another"
              + " Tideway stack running? Stop it (./pipeline down) or free the port.");
    }
  }

  /**
   * Stops services first (they finish or hand back in-flight batches), then Kafka, then MongoDB.
   */
  @Override
  public synchronized void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (watchdog != null) {
      watchdog.interrupt();
    }
    services.parallelStream().forEach(p -> p.stop(30));
    for (int i = infrastructure.size() - 1; i >= 0; i--) {
      infrastructure.get(i).stop(30);
    }
    LOG.info("stack stopped");
  }
}
