package io.tideway.cleaner;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings of the cleaner ({@code tideway.cleaner.*}); the defaults are those of a local
 * single-broker stack.
 */
@ConfigurationProperties(CleanerSettings.PREFIX)
public class CleanerSettings {

  public static final String PREFIX = "tideway.cleaner";
  public static final String DEFAULT_APPLICATION_ID = "tideway-cleaner";
  public static final String DEFAULT_STATE_DIR = "./.tideway/state/cleaner";

  private String applicationId = DEFAULT_APPLICATION_ID;
  private String topicPrefix = "tideway.";
  private String stateDir = DEFAULT_STATE_DIR;
  private int replicationFactor = 1;
  private Duration commitInterval = Duration.ofSeconds(1);
  private int streamThreads = 1;
  private Duration dedupRetention = Duration.ofDays(30);
  private Duration purgeInterval = Duration.ofHours(1);
  private Duration statsInterval = Duration.ofMillis(500);
  private String pseudonymizeKey;
  private String mappingsDir;

  /** Kafka Streams application.id: consumer group, internal topic and transactional id prefix. */
  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  /** Prefix of every Tideway topic name (same as {@code tideway.topic-prefix}). */
  public String getTopicPrefix() {
    return topicPrefix;
  }

  public void setTopicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
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

  /** Number of stream threads in this instance. */
  public int getStreamThreads() {
    return streamThreads;
  }

  public void setStreamThreads(int streamThreads) {
    this.streamThreads = streamThreads;
  }

  /**
   * How long a document id is remembered for deduplication across files (and a file's counters are
   * kept).
   */
  public Duration getDedupRetention() {
    return dedupRetention;
  }

  public void setDedupRetention(Duration dedupRetention) {
    this.dedupRetention = dedupRetention;
  }

  /** How often entries older than the retention are purged from the dedup and counter stores. */
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

  /**
   * Directory of extra mapping files ({@code TIDEWAY_MAPPINGS_DIR}); empty for the built-ins only.
   */
  public String getMappingsDir() {
    return mappingsDir;
  }

  public void setMappingsDir(String mappingsDir) {
    this.mappingsDir = mappingsDir;
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
