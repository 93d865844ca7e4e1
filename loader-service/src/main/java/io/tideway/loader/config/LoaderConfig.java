package io.tideway.loader.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tideway.loader.write.WriteModelKind;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** Settings of the loader ({@code tideway.loader.*}); every one has a default. */
@ConfigurationProperties(LoaderConfig.PREFIX)
public class LoaderConfig {

  /** The property prefix. */
  public static final String PREFIX = "tideway.loader";

  @NotBlank private String groupId = "tideway-loader";
  @NotBlank private String instanceId = "loader-0";

  @Min(1)
  private int batchSize = 5000;

  @NotNull private Duration batchMaxWait = Duration.ofMillis(200);
  @NotNull private WriteModelKind writeModel = WriteModelKind.INSERT_IGNORE_DUPLICATES;
  @NotNull private Duration retryInitialBackoff = Duration.ofMillis(200);
  @NotNull private Duration retryMaxBackoff = Duration.ofSeconds(10);
  @NotNull private Duration serverSelectionTimeout = Duration.ofSeconds(2);
  @NotNull private Duration sessionTimeout = Duration.ofSeconds(10);
  private boolean enabled = true;

  /** Consumer group on the cleaned topic. */
  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  /**
   * This instance's name, used as the Kafka transactional.id: unique per running loader (compose
   * and k8s set it from the host name).
   */
  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  /** A batch is written once it holds this many documents (one bulk write). */
  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "tideway.loader.batch-size must be >= 1, was " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /** ... or once its first document has waited this long. */
  public Duration getBatchMaxWait() {
    return batchMaxWait;
  }

  public void setBatchMaxWait(Duration batchMaxWait) {
    this.batchMaxWait = batchMaxWait;
  }

  /**
   * How each document is written: {@code INSERT_IGNORE_DUPLICATES} or {@code REPLACE_UPSERT} (see
   * loader-service/README.md for the measurement).
   */
  public WriteModelKind getWriteModel() {
    return writeModel;
  }

  public void setWriteModel(WriteModelKind writeModel) {
    this.writeModel = writeModel;
  }

  /** First pause before retrying a batch after a retryable MongoDB error. */
  public Duration getRetryInitialBackoff() {
    return retryInitialBackoff;
  }

  public void setRetryInitialBackoff(Duration retryInitialBackoff) {
    this.retryInitialBackoff = retryInitialBackoff;
  }

  /** Longest pause between retries; the pause doubles up to it. */
  public Duration getRetryMaxBackoff() {
    return retryMaxBackoff;
  }

  public void setRetryMaxBackoff(Duration retryMaxBackoff) {
    this.retryMaxBackoff = retryMaxBackoff;
  }

  /**
   * How long the driver waits for a reachable MongoDB before failing an operation: how fast an
   * outage is noticed.
   */
  public Duration getServerSelectionTimeout() {
    return serverSelectionTimeout;
  }

  public void setServerSelectionTimeout(Duration serverSelectionTimeout) {
    this.serverSelectionTimeout = serverSelectionTimeout;
  }

  /** Kafka consumer session timeout: how soon a crashed loader's partitions move to another. */
  public Duration getSessionTimeout() {
    return sessionTimeout;
  }

  public void setSessionTimeout(Duration sessionTimeout) {
    this.sessionTimeout = sessionTimeout;
  }

  /** Whether the load loop runs (tests of the HTTP side alone turn it off). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }
}
