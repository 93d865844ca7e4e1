package io.tideway.verifier.operator;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the verifier forwards operator actions ({@code tideway.verifier.operator.*}), and their
 * token.
 */
@ConfigurationProperties("tideway.verifier.operator")
public class OperatorConfig {

  private String adminToken = "";
  private String ingestUrl = "http://localhost:8081";
  private String loaderUrl = "http://localhost:8083";

  /** Bearer token required by rollback and replay; empty refuses them (default: none). */
  public String getAdminToken() {
    return adminToken;
  }

  public void setAdminToken(String adminToken) {
    this.adminToken = adminToken == null ? "" : adminToken;
  }

  /** Base URL of ingest-service, which replays files (default http://localhost:8081). */
  public String getIngestUrl() {
    return ingestUrl;
  }

  public void setIngestUrl(String ingestUrl) {
    this.ingestUrl = ingestUrl;
  }

  /** Base URL of loader-service, which rolls files back (default http://localhost:8083). */
  public String getLoaderUrl() {
    return loaderUrl;
  }

  public void setLoaderUrl(String loaderUrl) {
    this.loaderUrl = loaderUrl;
  }
}
