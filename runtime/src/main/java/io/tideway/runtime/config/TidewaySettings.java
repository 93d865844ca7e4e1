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

  /** Prefix of every topic name (env TIDEWAY_TOPIC_PREFIX). */
  public String getTopicPrefix() {
    return topicPrefix;
  }

  public void setTopicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
  }

  /**
   * Directory of extra mapping files, {@code *.yaml}, {@code *.yml}, {@code *.json}; a file
   * overrides a built-in mapping of the same name; empty: built-in mappings only (env
   * TIDEWAY_MAPPINGS_DIR).
   */
  public String getMappingsDir() {
    return mappingsDir;
  }

  public void setMappingsDir(String mappingsDir) {
    this.mappingsDir = mappingsDir == null ? "" : mappingsDir;
  }

  /** {@link #getMappingsDir()} as a path, or null when none is set. */
  public Path mappingsPath() {
    return mappingsDir.isBlank() ? null : Path.of(mappingsDir);
  }
}
