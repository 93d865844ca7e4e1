package io.tideway.verifier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.config.TidewaySettings;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.verifier.alert.AlertBook;
import io.tideway.verifier.config.VerifierConfig;
import io.tideway.verifier.cycle.IntegrityOutput;
import io.tideway.verifier.cycle.VerificationCycle;
import io.tideway.verifier.health.HealthMonitor;
import io.tideway.verifier.kafka.TopicConsumers;
import io.tideway.verifier.kafka.TopicReader;
import io.tideway.verifier.lag.LagMonitor;
import io.tideway.verifier.lease.ActiveLease;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.metrics.FileMetrics;
import io.tideway.verifier.quality.QualityBook;
import io.tideway.verifier.rejects.RejectIndex;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the topic reader and the verification cycle threads with the application, stops them with
 * it.
 */
@Context
public class VerifierRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(VerifierRuntime.class);

  /** Consumer group of the verifier instances on the lease topic. */
  public static final String LEASE_GROUP = "tideway-verifier-lease";

  private final VerifierConfig config;
  private final FileLedger ledger;
  private final AlertBook alerts;
  private final VerificationCycle cycle;
  private final IntegrityOutput output;
  private final KafkaClientFactory kafka;
  private final String prefix;
  private final Optional<MeterRegistry> meters;
  private final LagMonitor lag;
  private final QualityBook quality;
  private final HealthMonitor health;
  private final TopicConsumers consumers;
  private final RejectIndex rejects;
  private Thread lagThread;
  private Worker publisher;
  private Worker counter;
  private Worker digester;
  private TopicReader reader;
  private Thread readerThread;
  private ActiveLease lease;
  private Thread leaseThread;

  public VerifierRuntime(
      VerifierConfig config,
      FileLedger ledger,
      AlertBook alerts,
      VerificationCycle cycle,
      IntegrityOutput output,
      KafkaClientFactory kafka,
      TidewaySettings settings,
      Optional<MeterRegistry> meters,
      LagMonitor lag,
      QualityBook quality,
      HealthMonitor health,
      TopicConsumers consumers,
      RejectIndex rejects) {
    this.config = config;
    this.ledger = ledger;
    this.alerts = alerts;
    this.cycle = cycle;
    this.output = output;
    this.kafka = kafka;
    this.prefix = settings.getTopicPrefix();
    this.meters = meters;
    this.lag = lag;
    this.quality = quality;
    this.health = health;
    this.consumers = consumers;
    this.rejects = rejects;
  }

  @PostConstruct
  void start() {
    health.start();
    Duration period = config.getCheckInterval();
    // Three threads so that a long digest scan never delays a count audit or an announcement.
    Optional<FileMetrics> fileMetrics =
        meters.map(m -> new FileMetrics(m, config.getMetricsFiles()));
    publisher =
        new Worker(
            "verifier-publish",
            period,
            this::mayAct,
            () -> {
              List<IntegrityEvent> files = cycle.publish();
              fileMetrics.ifPresent(m -> m.update(files));
              return false;
            });
    counter =
        new Worker(
            "verifier-count-audit",
            period,
            this::mayAct,
            () -> {
              // The probe first: when MongoDB does not answer it, the count audits would not
              // either.
              if (!cycle.probeStore()) {
                // Probe again at once while one miss is not yet an outage, so that it is named
                // within two probe timeouts; afterwards once per period.
                return cycle.outageUnconfirmed();
              }
              if (cycle.runCounts() > 0) {
                publisher.nudge();
                digester.nudge(); // a count that changed may want a full check
              }
              return false;
            });
    digester =
        new Worker(
            "verifier-digest",
            period,
            this::mayAct,
            () -> {
              boolean worked = cycle.runDigests(1) > 0;
              if (worked) {
                publisher.nudge();
              }
              return worked;
            });
    ledger.showPublishedWhile(() -> !active());
    lease = new ActiveLease(this::newLeaseMember, Topics.VERIFIER_LEASE.name(prefix), this::nudge);
    leaseThread = new Thread(lease, "verifier-lease");
    leaseThread.setDaemon(true);
    leaseThread.start();
    reader =
        new TopicReader(
            consumers::reader, prefix, ledger, alerts, quality, rejects, this::nudge, this::active);
    readerThread = new Thread(reader, "verifier-topic-reader");
    readerThread.start();
    publisher.start();
    counter.start();
    digester.start();
    if (!config.getLag().getGroups().isEmpty()) {
      lagThread = new Thread(() -> lag.runEvery(config.getLag().getInterval()), "verifier-lag");
      lagThread.setDaemon(true);
      lagThread.start();
    }
    meters.ifPresent(this::registerMeters);
    LOG.info(
        "verifier reading {}files, clean-stats, load-receipts from {}",
        prefix,
        kafka.bootstrapServers());
  }

  /**
   * Announces an alert changed outside the verification cycle (an operator's acknowledgement): on
   * the alerts topic, to the dashboards' live stream and, if it notifies, to the webhook.
   */
  public void announce(Alert alert) {
    output.alert(alert);
  }

  /** True while both threads run; the reader may still be replaying. */
  public boolean alive() {
    return readerThread != null
        && readerThread.isAlive()
        && publisher.alive()
        && counter.alive()
        && digester.alive();
  }

  public boolean caughtUp() {
    return reader != null && reader.caughtUp();
  }

  /** Whether this instance is the active verifier (the others only keep their ledger current). */
  public boolean active() {
    return lease != null && lease.active();
  }

  /** Checks and announcements run only on the active instance, once it has read the topics. */
  private boolean mayAct() {
    return caughtUp() && active();
  }

  private Consumer<byte[], byte[]> newLeaseMember() {
    return kafka.consumer(
        ActiveLease.memberConfig(
            kafka.bootstrapServers(), LEASE_GROUP, config.getStandbyTakeover()),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** New events: announce them and check the files whose numbers may now add up. */
  private void nudge() {
    publisher.nudge();
    digester.nudge();
  }

  private void registerMeters(MeterRegistry registry) {
    for (FileStatus s : FileStatus.values()) {
      Gauge.builder("tideway.verifier.files", ledger, l -> l.countByStatus().get(s))
          .description("Files per verifier status")
          .tag("status", s.name())
          .register(registry);
    }
    Gauge.builder("tideway.verifier.alerts.open", alerts, AlertBook::openCount)
        .description("Open alerts")
        .register(registry);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (lease != null) {
      lease.close(); // leave the group first: a standby takes over at once
    }
    if (reader != null) {
      reader.stop();
    }
    for (Worker w : new Worker[] {publisher, counter, digester}) {
      if (w != null) {
        w.stop();
      }
    }
    if (lagThread != null) {
      lagThread.interrupt();
      lagThread.join(Duration.ofSeconds(10).toMillis());
    }
    if (readerThread != null) {
      readerThread.join(Duration.ofSeconds(10).toMillis());
    }
    if (leaseThread != null) {
      leaseThread.join(Duration.ofSeconds(10).toMillis());
    }
  }
}
