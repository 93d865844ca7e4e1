package io.tideway.verifier.health;

import io.tideway.contracts.health.HealthState;
import io.tideway.contracts.health.SourceHealth;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker and every watched service's /health on its own thread; MongoDB's health comes
 * from the verifier's store probe ({@link #storeProbed}). A service or the broker counts as DOWN
 * when it says so, or after {@link HealthConfig#downAfter()} unanswered requests in a row.
 */
@Singleton
public class HealthMonitor implements HealthView {

  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  private final HealthConfig config;
  private final KafkaClientFactory kafka;
  private final String bootstrap;
  private final Clock clock;
  private final Map<String, String> services;
  private final Map<String, Integer> misses = new HashMap<>();
  private final java.util.Set<String> answered = new java.util.HashSet<>();
  private final java.time.Instant startedAt;
  private final HttpClient http;
  private volatile PipelineHealth current = PipelineHealth.UNKNOWN;
  private volatile ComponentHealth store;
  private Admin admin;
  private Thread thread;

  public HealthMonitor(HealthConfig config, KafkaClientFactory kafka, Clock clock) {
    this.config = config;
    this.kafka = kafka;
    this.bootstrap = kafka.bootstrapServers();
    this.clock = clock;
    this.services = config.serviceUrls();
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    this.startedAt = clock.instant();
  }

  /** Starts asking, every {@link HealthConfig#interval()}. */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::run, "verifier-health");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        probeOnce();
        TimeUnit.MILLISECONDS.sleep(config.interval().toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("health probe failed: {}", e.toString());
      }
    }
  }

  /** Asks the broker and every service once. */
  void probeOnce() {
    ComponentHealth kafka = debounce("kafka", kafka());
    List<ComponentHealth> serviceHealth = new ArrayList<>();
    List<SourceHealth> sources = new ArrayList<>();
    for (Map.Entry<String, String> s : services.entrySet()) {
      ServiceReading r = service(s.getKey(), s.getValue());
      ComponentHealth h = debounce(s.getKey(), r.service());
      serviceHealth.add(h);
      if (r.service().latencyMs() != null) {
        sources.addAll(r.sources());
      } else {
        // No answer: keep the sources it reported last; its own SERVICE_DOWN says why.
        current.sources().stream()
            .filter(src -> sources.stream().noneMatch(x -> x.source().equals(src.source())))
            .forEach(sources::add);
      }
    }
    current = PipelineHealth.of(store, kafka, serviceHealth, sources, clock.instant());
  }

  /**
   * An unanswered request counts only after {@code downAfter} in a row; until then the last answer
   * stands (UP before any). A DOWN the component reports itself counts at once.
   */
  private ComponentHealth debounce(String name, ComponentHealth now) {
    boolean unanswered = now.down() && now.latencyMs() == null;
    int n = unanswered ? misses.getOrDefault(name, 0) + 1 : 0;
    misses.put(name, n);
    if (!unanswered) {
      answered.add(name);
    }
    boolean starting =
        !answered.contains(name) && clock.instant().isBefore(startedAt.plus(config.startupGrace()));
    if (unanswered && (n < config.downAfter() || starting)) {
      ComponentHealth last = last(name);
      return last != null ? last : new ComponentHealth(name, HealthState.UP, null, null, now.url());
    }
    return now;
  }

  private ComponentHealth last(String name) {
    PipelineHealth h = current;
    if ("kafka".equals(name)) {
      return h.kafka();
    }
    return h.services().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private ComponentHealth kafka() {
    long start = System.nanoTime();
    try {
      admin()
          .describeCluster(
              new DescribeClusterOptions().timeoutMs((int) config.timeout().toMillis()))
          .nodes()
          .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return ComponentHealth.up("kafka", (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ComponentHealth.down("kafka", "interrupted");
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return ComponentHealth.down(
          "kafka", "broker " + bootstrap + " does not answer: " + describe(cause));
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          kafka.admin(
              Map.of(
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "tideway-verifier-health",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  (int) config.timeout().toMillis(),
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  (int) config.timeout().toMillis()));
    }
    return admin;
  }

  private ServiceReading service(String name, String url) {
    long start = System.nanoTime();
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/health"))
                  .timeout(config.timeout())
                  .GET()
                  .build(),
              BodyHandlers.ofString());
      return ServiceReading.of(
          name,
          url,
          response.statusCode(),
          response.body(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ServiceReading.unanswered(name, url, "interrupted");
    } catch (java.io.IOException | RuntimeException e) {
      return ServiceReading.unanswered(name, url, describe(e));
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null && !e.getMessage().isBlank()
        ? e.getClass().getSimpleName() + ": " + e.getMessage()
        : e.getClass().getSimpleName();
  }

  @Override
  public void storeProbed(ComponentHealth store) {
    this.store = store;
  }

  @Override
  public PipelineHealth current() {
    return current.withStore(store);
  }

  @PreDestroy
  synchronized void stop() throws InterruptedException {
    if (thread != null) {
      thread.interrupt();
      thread.join(Duration.ofSeconds(5).toMillis());
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
