package io.tideway.runtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/** Settings every service shares, under {@code tideway}: topic names and mapping files. */
@ConfigurationProperties(TidewaySettings.PREFIX)
public class TidewaySettings {

  /** The property prefix. */
  public static final String PREFIX = "tideway";

  @NotBlank private String topicPrefix = "tideway.";
  @NotNull private String mappingsDir = "";
  @NotNull private java.time.Duration mappingWait = java.time.Duration.ofSeconds(60);
  private boolean mappingsFeed = true;

  /** Prefix of every topic name (env TIDEWAY_TOPIC_PREFIX). */
  public String getTopicPrefix() {
    return topicPrefix;
  }

  public void setTopicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
  }

  /**
   * Directory of extra mapping files, {@code *.yaml}, {@code *.yml}, {@code *.json}, or several
   * separated by {@code :}; a file overrides a built-in mapping of the same name; a file added
   * while running is found the first time its name is used; empty: built-in mappings only (env
   * TIDEWAY_MAPPINGS_DIR).
   */
  public String getMappingsDir() {
    return mappingsDir;
  }

  public void setMappingsDir(String mappingsDir) {
    this.mappingsDir = mappingsDir == null ? "" : mappingsDir;
  }

  /**
   * How long a service waits for a mapping version a file names to be read from the mappings topic
   * before it gives up on the file with that reason (env TIDEWAY_MAPPING_WAIT).
   */
  public java.time.Duration getMappingWait() {
    return mappingWait;
  }

  public void setMappingWait(java.time.Duration mappingWait) {
    this.mappingWait = mappingWait;
  }

  /**
   * Whether the service reads mappings from the {@code mappings} topic (live, versioned) besides
   * the jar and {@code mappings-dir}; off only for tools and tests without a broker (env
   * TIDEWAY_MAPPINGS_FEED).
   */
  public boolean isMappingsFeed() {
    return mappingsFeed;
  }

  public void setMappingsFeed(boolean mappingsFeed) {
    this.mappingsFeed = mappingsFeed;
  }

  /** {@link #getMappingsDir()} as paths, empty when none is set. */
  public java.util.List<Path> mappingsPaths() {
    return io.tideway.contracts.mapping.MappingCatalog.dirs(mappingsDir);
  }
}
