package io.tideway.ingest.s3;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.ingest.config.IngestConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Polls the configured S3 bucket into the inbox while {@code tideway.ingest.s3.enabled} is true.
 */
@Context
@Requires(property = S3SourceConfig.PREFIX + ".enabled", value = "true")
public class S3Source {

  private static final Logger LOG = LoggerFactory.getLogger(S3Source.class);

  private final S3SourceConfig config;
  private final IngestConfig ingest;
  private final Thread thread = new Thread(this::run, "ingest-s3-poller");
  private volatile boolean running = true;
  private S3Client client;
  private S3Poller poller;

  /** The outcome of the last poll; DOWN with no poll yet until the first one answers. */
  private volatile SourceHealth health;

  public S3Source(S3SourceConfig config, IngestConfig ingest) {
    this.config = config;
    this.ingest = ingest;
  }

  @PostConstruct
  void start() throws IOException {
    if (config.bucket() == null || config.bucket().isBlank()) {
      throw new IllegalStateException(
          "tideway.ingest.s3.bucket must be set when the S3 source is enabled");
    }
    health = new SourceHealth(source(), HealthState.DOWN, "not polled yet", null);
    client = client(config);
    Path work = Path.of(ingest.getWorkDir()).toAbsolutePath().normalize();
    poller =
        new S3Poller(
            client,
            config.bucket(),
            config.prefix(),
            Path.of(ingest.getInbox()).toAbsolutePath().normalize(),
            work.resolve("s3-objects.seen"),
            config.requestTimeout());
    thread.setDaemon(true);
    thread.start();
    LOG.info(
        "polling s3://{}/{} every {}", config.bucket(), config.prefix(), config.pollInterval());
  }

  /** The S3 client these settings describe. */
  public static S3Client client(S3SourceConfig config) {
    S3ClientBuilder b =
        S3Client.builder()
            // Without a bound a frozen endpoint holds each read for the SDK's 30 s, three attempts
            // per listing: the source would read UP for minutes after it stopped answering.
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(config.requestTimeout())
                    .socketTimeout(config.requestTimeout())
                    .build())
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            // S3-compatible stores often reject the SDK's default trailing checksums (aws-chunked).
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (config.endpoint() != null && !config.endpoint().isBlank()) {
      b.endpointOverride(URI.create(config.endpoint()));
    }
    if (config.accessKey() != null && !config.accessKey().isBlank()) {
      b.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(config.accessKey(), config.secretKey())));
    } else {
      b.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return b.build();
  }

  private void run() {
    while (running) {
      try {
        poller.pollOnce();
        health = new SourceHealth(source(), HealthState.UP, null, Instant.now());
      } catch (IOException | RuntimeException e) {
        LOG.warn("polling s3://{}/{} failed: {}", config.bucket(), config.prefix(), e.toString());
        health =
            new SourceHealth(
                source(),
                HealthState.DOWN,
                "polling failed: " + reason(e, config),
                health == null ? null : health.lastSuccessfulPoll());
      }
      try {
        TimeUnit.MILLISECONDS.sleep(config.pollInterval().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Why a poll failed, for an operator: the SDK's message without its exception class, and a
   * timeout said as one (the SDK names it in words of its configuration).
   */
  static String reason(Exception e, S3SourceConfig config) {
    String endpoint =
        config.endpoint() == null || config.endpoint().isBlank() ? "S3" : config.endpoint();
    if (e instanceof ApiCallTimeoutException) {
      return endpoint + " did not answer within " + config.requestTimeout().toSeconds() + " s";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return endpoint + ": " + message;
  }

  /** Whether the last poll answered, for /health. */
  public SourceHealth health() {
    return health;
  }

  private String source() {
    return "s3://" + config.bucket() + "/" + (config.prefix() == null ? "" : config.prefix());
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
    client.close();
  }
}
