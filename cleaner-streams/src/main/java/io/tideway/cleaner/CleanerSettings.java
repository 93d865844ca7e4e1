package io.tideway.cleaner;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tideway.runtime.config.TidewaySettings;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Settings of the cleaner ({@code tideway.cleaner.*}); the defaults are those of a local
 * single-broker stack.
 */
@ConfigurationProperties(CleanerSettings.PREFIX)
public class CleanerSettings {

  /** The property prefix. */
  public static final String PREFIX = "tideway.cleaner";

  public static final String DEFAULT_APPLICATION_ID = "tideway-cleaner";
  public static final String DEFAULT_STATE_DIR = "./.tideway/state/cleaner";

  @NotBlank private String applicationId = DEFAULT_APPLICATION_ID;
  private String topicPrefix = new TidewaySettings().getTopicPrefix();
  @NotBlank private String stateDir = DEFAULT_STATE_DIR;

  @Min(1)
  private int replicationFactor = 1;

  @NotNull private Duration commitInterval = Duration.ofSeconds(1);

  @Min(1)
  private int streamThreads = 2;

  @NotNull private Duration dedupRetention = Duration.ofDays(30);
  @NotNull private Duration purgeInterval = Duration.ofHours(1);
  @NotNull private Duration statsInterval = Duration.ofMillis(500);
  private String pseudonymizeKey;

  /** Settings with the defaults (tests and benchmarks that run without the container). */
  public CleanerSettings() {}

  /**
   * Settings bound by the container; the topic prefix is the shared {@code tideway.topic-prefix}.
   */
  @Inject
  public CleanerSettings(TidewaySettings shared) {
    this.topicPrefix = shared.getTopicPrefix();
  }

  /** Kafka Streams application.id: consumer group, internal topic and transactional id prefix. */
  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  /** Prefix of every Tideway topic name: the shared {@code tideway.topic-prefix}. */
  public String getTopicPrefix() {
    return topicPrefix;
  }

  /**
   * Uses {@code topicPrefix} instead of the shared one, for a topology built without the container
   * (not a setting: {@code tideway.topic-prefix} is the one key).
   */
  public CleanerSettings withTopicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
    return this;
  }

  /** Directory of the local RocksDB state stores (rebuilt from changelogs when lost). */
  public String getStateDir() {
    return stateDir;
  }

  public void setStateDir(String stateDir) {
    this.stateDir = stateDir;
  }

  /** Replication factor of the internal changelog and repartition topics (1 on a single broker). */
  public int getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(int replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  /** Transaction commit interval (exactly-once); lower means fresher output, more transactions. */
  public Duration getCommitInterval() {
    return commitInterval;
  }

  public void setCommitInterval(Duration commitInterval) {
    this.commitInterval = commitInterval;
  }

  /**
   * Number of stream threads in this instance. A file's rows spread over every raw partition, so
   * one file keeps every thread busy; two suit the 2-core local stack.
   */
  public int getStreamThreads() {
    return streamThreads;
  }

  public void setStreamThreads(int streamThreads) {
    this.streamThreads = streamThreads;
  }

  /**
   * How long a document id is remembered for deduplication across files, in record time (the window
   * store drops segments past it); also how long a file's header and counters are kept.
   */
  public Duration getDedupRetention() {
    return dedupRetention;
  }

  public void setDedupRetention(Duration dedupRetention) {
    this.dedupRetention = dedupRetention;
  }

  /**
   * How often expired file headers and counters are removed (document ids expire with their
   * window-store segment).
   */
  public Duration getPurgeInterval() {
    return purgeInterval;
  }

  public void setPurgeInterval(Duration purgeInterval) {
    this.purgeInterval = purgeInterval;
  }

  /** How often changed per-file counters are published to the clean-stats topic (wall clock). */
  public Duration getStatsInterval() {
    return statsInterval;
  }

  public void setStatsInterval(Duration statsInterval) {
    this.statsInterval = statsInterval;
  }

  /**
   * HMAC key of the pseudonymize transform ({@code TIDEWAY_PSEUDONYMIZE_KEY}); required only if a
   * mapping uses it.
   */
  public String getPseudonymizeKey() {
    return pseudonymizeKey;
  }

  public void setPseudonymizeKey(String pseudonymizeKey) {
    this.pseudonymizeKey = pseudonymizeKey;
  }

  @Override
  public String toString() {
    return "CleanerSettings[applicationId="
        + applicationId
        + ", topicPrefix="
        + topicPrefix
        + ", stateDir="
        + stateDir
        + ", pseudonymizeKey="
        + (pseudonymizeKey == null ? "unset" : "set")
        + "]";
  }
}
