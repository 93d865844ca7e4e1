package io.tideway.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.infra.sample.AdmissionsGenerator;
import io.tideway.infra.stack.ServiceCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The four services, as their own JVMs from the built jars, against REAL infrastructure in
 * containers: an apache/kafka KRaft broker, a MongoDB replica set and MinIO. A generated admissions
 * CSV dropped into the inbox must come out VERIFIED, and MongoDB must hold its documents.
 *
 * <p>Without Docker the tests are skipped. {@code mvn -Pdocker verify} (infra/pom.xml) sets {@code
 * tideway.require.docker=true}: then a missing Docker engine FAILS the run instead. The image tags
 * are the ones docker-compose.yml uses.
 */
class RealInfrastructureIT {

  static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
  static final String MONGO_IMAGE = "mongo:8.0.12";
  static final String MINIO_IMAGE =
      System.getProperty("tideway.it.minio-image", "minio/minio:RELEASE.2025-04-22T22-12-26Z");
  static final String PREFIX = Topics.DEFAULT_PREFIX;
  static final int PARTITIONS = 6;
  static final int ROWS = 5_000;
  static final long DUPLICATES = 50;

  @BeforeAll
  static void dockerIsThereWhenRequired() {
    if (Boolean.getBoolean("tideway.require.docker")) {
      assertThat(DockerClientFactory.instance().isDockerAvailable())
          .as("-Pdocker / tideway.require.docker=true needs a running Docker engine")
          .isTrue();
    }
  }

  /** Everything that needs Docker; disabled (reported as skipped) when there is none. */
  @Nested
  @Testcontainers(disabledWithoutDocker = true)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OnDocker {

    private final Path repo = Path.of("").toAbsolutePath().getParent();
    private final Path work = Path.of("target", "real-infra-it").toAbsolutePath();
    private final Map<ServiceCatalog, Process> services = new EnumMap<>(ServiceCatalog.class);
    private final Map<ServiceCatalog, Integer> ports = new EnumMap<>(ServiceCatalog.class);
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<AutoCloseable> containers = new ArrayList<>();
    private KafkaContainer kafka;
    private MongoDBContainer mongo;
    private GenericContainer<?> minio;
    private Path inbox;

    @BeforeAll
    void startInfrastructureAndServices() throws Exception {
      deleteRecursively(work);
      inbox = Files.createDirectories(work.resolve("inbox"));

      kafka =
          new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
              .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(PARTITIONS))
              .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
              .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
              .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
      mongo = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE));
      minio =
          new GenericContainer<>(DockerImageName.parse(MINIO_IMAGE))
              .withCommand("server", "/data")
              .withEnv("MINIO_ROOT_USER", "tideway")
              .withEnv("MINIO_ROOT_PASSWORD", "tideway-it-secret")
              .withExposedPorts(9000)
              .waitingFor(Wait.forHttp("/minio/health/live").forPort(9000));
      for (var c : List.of(kafka, mongo, minio)) {
        c.start();
        containers.add(c);
      }
      createTopics();
      createBucket();

      for (ServiceCatalog s : ServiceCatalog.values()) {
        ports.put(s, freePort());
      }
      for (ServiceCatalog s : ServiceCatalog.values()) {
        services.put(s, launch(s));
      }
      for (ServiceCatalog s : ServiceCatalog.values()) {
        String url = "http://localhost:" + ports.get(s) + "/health";
        await(
            s.module() + " healthy at " + url,
            Duration.ofMinutes(2),
            () -> {
              assertThat(services.get(s).isAlive())
                  .as(s.module() + " exited; see " + log(s))
                  .isTrue();
              return get(url).map(r -> r.statusCode() == 200).orElse(false);
            });
      }
    }

    @AfterAll
    void stopEverything() throws Exception {
      for (Process p : services.values()) {
        p.destroy();
      }
      for (Process p : services.values()) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      for (AutoCloseable c : containers) {
        c.close();
      }
    }

    @Test
    void aFileInTheInboxIsVerifiedAndItsDocumentsAreInMongo() throws Exception {
      Path part = inbox.resolve("admissions.csv.part");
      try (OutputStream out = Files.newOutputStream(part)) {
        new AdmissionsGenerator(ROWS, DUPLICATES, 7).write(out);
      }
      // Ingest ignores *.part: the rename makes the whole file appear at once.
      Files.move(part, inbox.resolve("admissions.csv"), StandardCopyOption.ATOMIC_MOVE);

      String files = "http://localhost:" + ports.get(ServiceCatalog.VERIFIER) + "/api/files";
      JsonNode[] verified = new JsonNode[1];
      await(
          "admissions.csv VERIFIED at " + files,
          Duration.ofMinutes(5),
          () -> {
            for (ServiceCatalog s : ServiceCatalog.values()) {
              assertThat(services.get(s).isAlive())
                  .as(s.module() + " exited; see " + log(s))
                  .isTrue();
            }
            Optional<HttpResponse<String>> response = get(files);
            if (response.isEmpty() || response.get().statusCode() != 200) {
              return false;
            }
            for (JsonNode file : json.readTree(response.get().body())) {
              if (file.path("file_name").asText().equals("admissions.csv")) {
                String status = file.path("status").asText();
                assertThat(status).as(file.toString()).isNotIn("MISMATCH", "FAILED");
                verified[0] = file;
                return status.equals("VERIFIED");
              }
            }
            return false;
          });

      JsonNode file = verified[0];
      assertThat(file.path("rows_read").asLong()).isEqualTo(ROWS);
      assertThat(file.path("cleaned").asLong()).isEqualTo(ROWS - DUPLICATES);
      assertThat(file.path("duplicates").asLong()).isEqualTo(DUPLICATES);
      assertThat(file.path("documents_in_mongo").asLong()).isEqualTo(ROWS - DUPLICATES);
      try (MongoClient client = MongoClients.create(mongo.getConnectionString())) {
        long stored = client.getDatabase("tideway").getCollection("admissions").countDocuments();
        assertThat(stored).isEqualTo(ROWS - DUPLICATES);
      }
    }

    // -------------------------------------------------------------- helpers

    private void createTopics() throws Exception {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic<?> t : Topics.ALL) {
          NewTopic topic = new NewTopic(t.name(PREFIX), PARTITIONS, (short) 1);
          if (Topics.COMPACTED.contains(t)) {
            topic.configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
          }
          topics.add(topic);
        }
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
      }
    }

    private void createBucket() throws Exception {
      var alias =
          minio.execInContainer(
              "mc", "alias", "set", "it", "http://localhost:9000", "tideway", "tideway-it-secret");
      assertThat(alias.getExitCode()).as(alias.getStderr()).isZero();
      var mb = minio.execInContainer("mc", "mb", "--ignore-existing", "it/tideway-inbox");
      assertThat(mb.getExitCode()).as(mb.getStderr()).isZero();
    }

    private Process launch(ServiceCatalog s) throws IOException {
      Path target = repo.resolve(s.module()).resolve("target");
      Path jar = target.resolve(s.module() + "-0.1.0-SNAPSHOT.jar");
      Path classpathFile = target.resolve("classpath.txt");
      assertThat(jar).as("build the services first (mvn package)").isRegularFile();
      assertThat(classpathFile).as("build the services first (mvn package)").isRegularFile();
      String classpath = jar + java.io.File.pathSeparator + Files.readString(classpathFile).strip();

      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
      env.put("MONGO_URI", mongo.getConnectionString());
      env.put("TIDEWAY_TOPIC_PREFIX", PREFIX);
      env.put("MICRONAUT_SERVER_PORT", Integer.toString(ports.get(s)));
      env.put("TIDEWAY_SERVICE", s.module());
      env.put("TIDEWAY_INBOX", inbox.toString());
      env.put("TIDEWAY_INGEST_WORK_DIR", inbox.resolve(".tideway").toString());
      env.put("TIDEWAY_CLEANER_STATE_DIR", work.resolve("cleaner-state").toString());
      env.put("TIDEWAY_LOADER_INSTANCE_ID", "loader-it");
      env.put("TIDEWAY_ADMIN_TOKEN", "it-token");
      env.put("TIDEWAY_S3_ENABLED", "false");
      env.put("TIDEWAY_S3_ENDPOINT", "http://" + minio.getHost() + ":" + minio.getMappedPort(9000));
      env.put("TIDEWAY_S3_BUCKET", "tideway-inbox");
      env.put("TIDEWAY_S3_PREFIX", "inbox/");
      env.put("TIDEWAY_S3_PATH_STYLE", "true");
      env.put("AWS_ACCESS_KEY_ID", "tideway");
      env.put("AWS_SECRET_ACCESS_KEY", "tideway-it-secret");
      env.put("AWS_REGION", "us-east-1");

      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, s.mainClass())
              .directory(repo.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log(s).toFile());
      pb.environment().putAll(env);
      return pb.start();
    }

    private Path log(ServiceCatalog s) {
      return work.resolve(s.module() + ".log");
    }

    private Optional<HttpResponse<String>> get(String url) {
      try {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Polls {@code condition} until it holds; fails with {@code what} at the deadline. */
  static void await(String what, Duration timeout, ThrowingSupplier<Boolean> condition)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (condition.get()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what);
  }

  /** A supplier that may throw (assertions inside a poll fail the poll immediately). */
  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
