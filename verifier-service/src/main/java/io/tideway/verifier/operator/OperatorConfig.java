package io.tideway.verifier.operator;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the verifier forwards operator actions ({@code tideway.verifier.operator.*}); their token
 * is {@code AdminAccess} (runtime).
 */
@ConfigurationProperties("tideway.verifier.operator")
public class OperatorConfig {

  private String ingestUrl = "http://localhost:8081";
  private String loaderUrl = "http://localhost:8083";

  /** Base URL of ingest-service, which replays files (`./pipeline` sets it). */
  public String getIngestUrl() {
    return ingestUrl;
  }

  public void setIngestUrl(String ingestUrl) {
    this.ingestUrl = ingestUrl;
  }

  /** Base URL of loader-service, which rolls files back (`./pipeline` sets it). */
  public String getLoaderUrl() {
    return loaderUrl;
  }

  public void setLoaderUrl(String loaderUrl) {
    this.loaderUrl = loaderUrl;
  }
}
