package io.tideway.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.topics.Topics;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.pipeline.TopicContents;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 source against a real S3-compatible server (S3Proxy over an in-memory blob store). */
class S3SourceIT {

  static final String BUCKET = "drops";

  @TempDir Path tmp;
  S3Proxy proxy;
  BlobStoreContext blobs;
  S3Client s3;

  @BeforeEach
  void startServer() throws Exception {
    blobs =
        ContextBuilder.newBuilder("transient")
            .credentials("id", "secret")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
            .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    s3 = S3Source.client(S3SourceReasonTest.config("http://127.0.0.1:" + proxy.getPort()));
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterEach
  void stopServer() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
    if (blobs != null) {
      blobs.close();
    }
  }

  @Test
  void newObjectsLandInTheInboxByMappingFolderOnce() throws Exception {
    Path inbox = tmp.resolve("inbox");
    Path seen = tmp.resolve("work/s3-objects.seen");
    put("exports/a.csv", "a,b\n1,2\n");
    put("exports/healthcare-admissions/b.csv", "x\n");
    put("exports/.hidden.csv", "x\n");
    put("exports/upload.csv.part", "x\n");
    put("exports/too/deep/c.csv", "x\n");
    put("elsewhere/d.csv", "x\n");

    S3Poller poller = new S3Poller(s3, BUCKET, "exports/", inbox, seen);
    List<Path> fetched = poller.pollOnce();

    assertThat(fetched)
        .containsExactlyInAnyOrder(
            inbox.resolve("a.csv"), inbox.resolve("healthcare-admissions/b.csv"));
    assertThat(Files.readString(inbox.resolve("a.csv"))).isEqualTo("a,b\n1,2\n");
    // Each landed file says where it came from; the claim carries that into its file events.
    assertThat(WorkDir.originOf(inbox.resolve("healthcare-admissions/b.csv")))
        .hasContent("s3://" + BUCKET + "/exports/healthcare-admissions/b.csv");
    assertThat(poller.pollOnce()).isEmpty();

    // Ingest claims the files; a restarted poller still remembers them.
    Files.delete(inbox.resolve("a.csv"));
    Files.delete(inbox.resolve("healthcare-admissions/b.csv"));
    S3Poller restarted = new S3Poller(s3, BUCKET, "exports/", inbox, seen);
    assertThat(restarted.pollOnce()).isEmpty();

    // A new version of an object (new ETag) is a new file.
    put("exports/a.csv", "a,b\n1,2\n3,4\n");
    assertThat(restarted.pollOnce()).containsExactly(inbox.resolve("a.csv"));
    assertThat(Files.readString(inbox.resolve("a.csv"))).isEqualTo("a,b\n1,2\n3,4\n");
  }

  @Test
  void objectWaitsWhileANamesakeIsStillInTheInbox() throws Exception {
    Path inbox = Files.createDirectories(tmp.resolve("inbox"));
    Files.writeString(inbox.resolve("a.csv"), "older");
    put("a.csv", "newer\n");
    S3Poller poller = new S3Poller(s3, BUCKET, "", inbox, tmp.resolve("seen"));
    assertThat(poller.pollOnce()).isEmpty();
    assertThat(Files.readString(inbox.resolve("a.csv"))).isEqualTo("older");
    Files.delete(inbox.resolve("a.csv"));
    assertThat(poller.pollOnce()).containsExactly(inbox.resolve("a.csv"));
    assertThat(Files.readString(inbox.resolve("a.csv"))).isEqualTo("newer\n");
  }

  @Test
  void enabledS3SourceBeanPollsIntoTheInbox() throws Exception {
    Path inbox = tmp.resolve("app-inbox");
    put("in/healthcare-admissions/e.csv", "a\n");
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", "-1");
    // No broker: the S3 source works on its own; ingest keeps retrying Kafka in the background.
    props.put("kafka.bootstrap.servers", "127.0.0.1:1");
    props.put("tideway.ingest.kafka-timeout", "1s");
    props.put("tideway.ingest.inbox", inbox.toString());
    props.put("tideway.ingest.work-dir", tmp.resolve("app-work").toString());
    props.put("tideway.ingest.s3.enabled", "true");
    props.put("tideway.ingest.s3.bucket", BUCKET);
    props.put("tideway.ingest.s3.prefix", "in/");
    props.put("tideway.ingest.s3.endpoint", "http://127.0.0.1:" + proxy.getPort());
    props.put("tideway.ingest.s3.access-key", "access");
    props.put("tideway.ingest.s3.secret-key", "secret");
    props.put("tideway.ingest.s3.poll-interval", "100ms");
    try (ApplicationContext app = ApplicationContext.run(props)) {
      Path landed = inbox.resolve("healthcare-admissions/e.csv");
      Path seen = tmp.resolve("app-work/s3-objects.seen");
      // The poller records an object as seen only after it landed: wait for both.
      Poll.until(
          Duration.ofSeconds(20),
          "the object landed and was recorded as seen",
          () -> Files.exists(landed) && contains(seen, "in/healthcare-admissions/e.csv"));
      assertThat(landed).exists().hasContent("a");
      assertThat(seen).content().contains("in/healthcare-admissions/e.csv");
    }
  }

  /** The source of an S3 object travels in its file events as {@code s3://bucket/key}. */
  @Test
  void theFileEventsOfAnS3ObjectNameItsUri() throws Exception {
    String prefix = "s3it.";
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(prefix, 1);
      put("in/healthcare-admissions/f.csv", ADMISSIONS);
      Map<String, Object> props = new HashMap<>();
      props.put("micronaut.server.port", "-1");
      props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
      props.put("tideway.topic-prefix", prefix);
      props.put("tideway.ingest.inbox", tmp.resolve("kafka-inbox").toString());
      props.put("tideway.ingest.work-dir", tmp.resolve("kafka-work").toString());
      props.put("tideway.ingest.scan-interval", "100ms");
      props.put("tideway.ingest.stable-for", "200ms");
      props.put("tideway.ingest.s3.enabled", "true");
      props.put("tideway.ingest.s3.bucket", BUCKET);
      props.put("tideway.ingest.s3.prefix", "in/");
      props.put("tideway.ingest.s3.endpoint", "http://127.0.0.1:" + proxy.getPort());
      props.put("tideway.ingest.s3.access-key", "access");
      props.put("tideway.ingest.s3.secret-key", "secret");
      props.put("tideway.ingest.s3.poll-interval", "100ms");
      try (ApplicationContext app = ApplicationContext.run(props)) {
        FileEvent completed =
            Poll.value(
                Duration.ofSeconds(60),
                "the S3 object's COMPLETED event",
                () ->
                    TopicContents.values(kafka.bootstrapServers(), Topics.FILES, prefix).stream()
                        .filter(e -> e.type() == FileEventType.COMPLETED)
                        .findFirst()
                        .orElse(null));
        List<FileEvent> events =
            TopicContents.values(kafka.bootstrapServers(), Topics.FILES, prefix).stream()
                .filter(e -> e.fileId().equals(completed.fileId()))
                .toList();
        assertThat(events)
            .extracting(FileEvent::source)
            .containsOnly("s3://" + BUCKET + "/in/healthcare-admissions/f.csv");
        assertThat(events).extracting(FileEvent::type).contains(FileEventType.DISCOVERED);
      }
    }
  }

  private static final String ADMISSIONS =
      "Name,Age,Gender,Blood Type,Medical Condition,Date of Admission,Doctor,Hospital,"
          + "Insurance Provider,Billing Amount,Room Number,Admission Type,Discharge Date,Medication,Test Results\n"
          + "Bobby JacksOn,30,Male,B-,Cancer,2024-01-31,Matthew Smith,Kim Inc,Blue Cross,"
          + "18856.28,328,Urgent,2024-02-02,Paracetamol,Normal\n";

  private static boolean contains(Path file, String text) {
    try {
      return Files.exists(file) && Files.readString(file).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void anUnreachableEndpointIsASourceDownOnHealthUntilItAnswersAgain() throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", "-1");
    props.put("kafka.bootstrap.servers", "127.0.0.1:1");
    props.put("tideway.ingest.kafka-timeout", "1s");
    props.put("tideway.ingest.inbox", tmp.resolve("down-inbox").toString());
    props.put("tideway.ingest.work-dir", tmp.resolve("down-work").toString());
    props.put("tideway.ingest.s3.enabled", "true");
    props.put("tideway.ingest.s3.bucket", BUCKET);
    props.put("tideway.ingest.s3.prefix", "in/");
    int port = proxy.getPort();
    props.put("tideway.ingest.s3.endpoint", "http://127.0.0.1:" + port);
    props.put("tideway.ingest.s3.access-key", "access");
    props.put("tideway.ingest.s3.secret-key", "secret");
    props.put("tideway.ingest.s3.poll-interval", "200ms");
    try (ApplicationContext app = ApplicationContext.run(props)) {
      S3Source source = app.getBean(S3Source.class);
      String s3 = "s3://" + BUCKET + "/in/";
      Poll.until(
          Duration.ofSeconds(30), "S3 source UP", () -> source.health().state() == HealthState.UP);
      Instant lastGood = source.health().lastSuccessfulPoll();

      proxy.stop();
      SourceHealth down =
          Poll.until(
              Duration.ofSeconds(30),
              "S3 source DOWN",
              source::health,
              h -> h.state() == HealthState.DOWN);
      assertThat(down.source()).isEqualTo(s3);
      assertThat(down.reason()).startsWith("polling failed:");
      assertThat(down.lastSuccessfulPoll()).isAfterOrEqualTo(lastGood);
      Map<String, Object> details = health(app);
      assertThat(details.get("reason").toString()).startsWith("polling failed:");
      assertThat(details.get("sources").toString()).contains(s3, "DOWN");

      proxy =
          S3Proxy.builder()
              .blobStore(blobs.getBlobStore())
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
              .build();
      proxy.start();
      Poll.until(
          Duration.ofSeconds(30),
          "S3 source UP again",
          () -> source.health().state() == HealthState.UP);
      assertThat(health(app).get("sources").toString()).doesNotContain("DOWN");
    }
  }

  /**
   * A frozen endpoint (SIGSTOP: the kernel still accepts connections, nothing answers) reads DOWN
   * within the request timeout, not after the SDK's 30 s per read times its retries.
   */
  @Test
  void aFrozenEndpointIsASourceDownWithinTheRequestTimeout() throws Exception {
    try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Map<String, Object> props = new HashMap<>();
      props.put("micronaut.server.port", "-1");
      props.put("kafka.bootstrap.servers", "127.0.0.1:1");
      props.put("tideway.ingest.kafka-timeout", "1s");
      props.put("tideway.ingest.inbox", tmp.resolve("frozen-inbox").toString());
      props.put("tideway.ingest.work-dir", tmp.resolve("frozen-work").toString());
      props.put("tideway.ingest.s3.enabled", "true");
      props.put("tideway.ingest.s3.bucket", BUCKET);
      props.put("tideway.ingest.s3.endpoint", "http://127.0.0.1:" + frozen.getLocalPort());
      props.put("tideway.ingest.s3.access-key", "access");
      props.put("tideway.ingest.s3.secret-key", "secret");
      props.put("tideway.ingest.s3.poll-interval", "200ms");
      props.put("tideway.ingest.s3.request-timeout", "2s");
      long started = System.nanoTime();
      try (ApplicationContext app = ApplicationContext.run(props)) {
        S3Source source = app.getBean(S3Source.class);
        SourceHealth down =
            Poll.until(
                Duration.ofSeconds(20),
                "the frozen S3 endpoint read as DOWN after a poll",
                source::health,
                h -> h.state() == HealthState.DOWN && h.reason().startsWith("polling failed:"));
        // Either bound may fire first: the listing's 2 s, or the attempt's read timeout.
        assertThat(down.reason())
            .contains("http://127.0.0.1:" + frozen.getLocalPort())
            .doesNotContain("Exception");
        assertThat(down.lastSuccessfulPoll()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofSeconds(20));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> health(ApplicationContext app) {
    var result =
        reactor.core.publisher.Mono.from(
                app.getBean(io.tideway.ingest.pipeline.IngestHealthIndicator.class).getResult())
            .block();
    return (Map<String, Object>) result.getDetails();
  }

  private void put(String key, String body) {
    s3.putObject(
        b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
  }
}
