package io.tideway.ingest.s3;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Settings of the optional S3 source, under {@code tideway.ingest.s3}. */
@ConfigurationProperties(S3SourceConfig.PREFIX)
public class S3SourceConfig {

  public static final String PREFIX = "tideway.ingest.s3";

  private boolean enabled;
  private String bucket;
  private String prefix = "";
  private String endpoint;
  private String region = "us-east-1";
  private boolean pathStyle = true;
  private String accessKey;
  private String secretKey;
  private Duration pollInterval = Duration.ofSeconds(10);
  private Duration requestTimeout = Duration.ofSeconds(10);

  /** Poll the bucket at all (env TIDEWAY_S3_ENABLED). */
  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Bucket to poll (env TIDEWAY_S3_BUCKET). */
  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  /**
   * Key prefix; {@code <prefix><name>} uses the default mapping, {@code <prefix><mapping>/<name>}
   * that mapping.
   */
  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  /**
   * Endpoint override for S3-compatible stores, e.g. {@code http://localhost:9000}; empty = AWS.
   */
  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /** Signing region. */
  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  /** Path-style addressing ({@code endpoint/bucket/key}), needed by most S3-compatible stores. */
  public boolean isPathStyle() {
    return pathStyle;
  }

  public void setPathStyle(boolean pathStyle) {
    this.pathStyle = pathStyle;
  }

  /** Static access key; empty = the SDK's default credential chain. */
  public String getAccessKey() {
    return accessKey;
  }

  public void setAccessKey(String accessKey) {
    this.accessKey = accessKey;
  }

  /** Static secret key, with {@code access-key}. */
  public String getSecretKey() {
    return secretKey;
  }

  public void setSecretKey(String secretKey) {
    this.secretKey = secretKey;
  }

  /** How often the bucket is listed. */
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /**
   * How long a listing may take, and a download may go without a byte, before the poll counts as
   * failed (a frozen endpoint accepts connections and answers nothing).
   */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }
}
