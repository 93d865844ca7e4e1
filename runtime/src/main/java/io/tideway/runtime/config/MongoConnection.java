package io.tideway.runtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/** Where MongoDB is, under {@code tideway.mongo} (loader and verifier). */
@ConfigurationProperties(MongoConnection.PREFIX)
public class MongoConnection {

  /** The property prefix. */
  public static final String PREFIX = "tideway.mongo";

  @NotBlank private String uri = "mongodb://localhost:27017";

  /**
   * MongoDB connection string (env MONGO_URI); TLS and credentials go here, e.g. {@code
   * mongodb://user:pass@host/?tls=true&authSource=admin}.
   */
  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }
}
