package io.tideway.loader.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tideway.loader.write.WriteModelKind;
import java.time.Duration;

/** Settings of the loader ({@code tideway.loader.*}); every one has a default. */
@ConfigurationProperties(LoaderConfig.PREFIX)
public class LoaderConfig {

  public static final String PREFIX = "tideway.loader";
  public static final String DEFAULT_GROUP_ID = "tideway-loader";
  public static final String DEFAULT_INSTANCE_ID = "loader-0";
  public static final int DEFAULT_BATCH_SIZE = 1000;
  public static final Duration DEFAULT_BATCH_MAX_WAIT = Duration.ofMillis(200);
  public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);

  private String groupId = DEFAULT_GROUP_ID;
  private String instanceId = DEFAULT_INSTANCE_ID;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private Duration batchMaxWait = DEFAULT_BATCH_MAX_WAIT;
  private WriteModelKind writeModel = WriteModelKind.INSERT_IGNORE_DUPLICATES;
  private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
  private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
  private Duration serverSelectionTimeout = DEFAULT_SERVER_SELECTION_TIMEOUT;
  private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
  private boolean enabled = true;
  private String adminToken = "";

  public String getGroupId() {
    return groupId;
  }

  /** Consumer group on the cleaned topic (default {@value #DEFAULT_GROUP_ID}). */
  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public String getInstanceId() {
    return instanceId;
  }

  /**
   * This instance's name, used as the Kafka transactional.id: unique per running loader (default
   * {@value #DEFAULT_INSTANCE_ID}).
   */
  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public int getBatchSize() {
    return batchSize;
  }

  /**
   * A batch is written once it holds this many documents (default {@value #DEFAULT_BATCH_SIZE}).
   */
  public void setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "tideway.loader.batch-size must be >= 1, was " + batchSize);
    }
    this.batchSize = batchSize;
  }

  public Duration getBatchMaxWait() {
    return batchMaxWait;
  }

  /** ... or once its first document has waited this long (default 200ms). */
  public void setBatchMaxWait(Duration batchMaxWait) {
    this.batchMaxWait = batchMaxWait;
  }

  public WriteModelKind getWriteModel() {
    return writeModel;
  }

  /** How each document is written (default INSERT_IGNORE_DUPLICATES). */
  public void setWriteModel(WriteModelKind writeModel) {
    this.writeModel = writeModel;
  }

  public Duration getRetryInitialBackoff() {
    return retryInitialBackoff;
  }

  /** First pause before retrying a batch after a retryable MongoDB error (default 200ms). */
  public void setRetryInitialBackoff(Duration retryInitialBackoff) {
    this.retryInitialBackoff = retryInitialBackoff;
  }

  public Duration getRetryMaxBackoff() {
    return retryMaxBackoff;
  }

  /** Longest pause between retries; the pause doubles up to it (default 10s). */
  public void setRetryMaxBackoff(Duration retryMaxBackoff) {
    this.retryMaxBackoff = retryMaxBackoff;
  }

  public Duration getServerSelectionTimeout() {
    return serverSelectionTimeout;
  }

  /** How long the driver waits for a reachable MongoDB before failing an operation (default 2s). */
  public void setServerSelectionTimeout(Duration serverSelectionTimeout) {
    this.serverSelectionTimeout = serverSelectionTimeout;
  }

  public Duration getSessionTimeout() {
    return sessionTimeout;
  }

  /**
   * Kafka consumer session timeout: how soon a crashed loader's partitions move to another (default
   * 10s).
   */
  public void setSessionTimeout(Duration sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  public boolean isEnabled() {
    return enabled;
  }

  /** Whether the load loop runs (default true; tests of the HTTP side alone may turn it off). */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getAdminToken() {
    return adminToken;
  }

  /** Bearer token of the operator endpoints (env TIDEWAY_ADMIN_TOKEN); empty disables them. */
  public void setAdminToken(String adminToken) {
    this.adminToken = adminToken == null ? "" : adminToken;
  }
}
