package io.tideway.verifier.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.health.HealthState;
import org.junit.jupiter.api.Test;

class ServiceReadingTest {

  @Test
  void aDegradedLoaderGivesItsReason() {
    String body =
        "{\"name\":\"loader-service\",\"status\":\"DEGRADED\",\"details\":{\"loader\":{\"name\":\"loader\","
            + "\"status\":\"DEGRADED\",\"details\":{\"state\":\"DEGRADED\",\"reason\":\"MongoDB unreachable\"}},"
            + "\"diskSpace\":{\"status\":\"UP\"}}}";
    ServiceReading r = ServiceReading.of("loader-service", "http://l", 200, body, 12);
    assertThat(r.service().state()).isEqualTo(HealthState.DEGRADED);
    assertThat(r.service().reason()).isEqualTo("MongoDB unreachable");
    assertThat(r.service().latencyMs()).isEqualTo(12);
  }

  @Test
  void ingestListsItsSources() {
    String body =
        "{\"status\":\"DEGRADED\",\"details\":{\"ingest\":{\"status\":\"DEGRADED\",\"details\":{"
            + "\"state\":\"running\",\"reason\":\"polling failed: refused\",\"sources\":["
            + "{\"source\":\"/in\",\"state\":\"UP\",\"last_successful_poll\":\"2026-01-01T00:00:00Z\"},"
            + "{\"source\":\"s3://b/p\",\"state\":\"DOWN\",\"reason\":\"polling failed: refused\"}]}}}}";
    ServiceReading r = ServiceReading.of("ingest-service", "http://i", 200, body, 3);
    assertThat(r.service().reason()).isEqualTo("polling failed: refused");
    assertThat(r.sources())
        .extracting(s -> s.source() + " " + s.state())
        .containsExactly("/in UP", "s3://b/p DOWN");
    assertThat(r.sources().get(0).lastSuccessfulPoll()).isNotNull();
  }

  @Test
  void aDownAnswerOrNoJsonIsDownWithAReason() {
    ServiceReading down =
        ServiceReading.of(
            "ingest-service",
            "http://i",
            503,
            "{\"status\":\"DOWN\",\"details\":{\"ingest\":{\"status\":\"DOWN\",\"details\":{\"state\":\"fenced\"}}}}",
            5);
    assertThat(down.service().down()).isTrue();
    assertThat(down.service().reason()).isEqualTo("fenced");
    ServiceReading html = ServiceReading.of("x", "http://x", 502, "<html>", 5);
    assertThat(html.service().down()).isTrue();
    assertThat(html.service().reason()).contains("HTTP 502");
    assertThat(ServiceReading.unanswered("x", "http://x", "ConnectException").service().reason())
        .isEqualTo("not answering: ConnectException");
  }

  @Test
  void theServicesSettingIsNameEqualsUrl() {
    HealthConfig c = withServices("loader-service=http://localhost:8083", "");
    assertThat(c.serviceUrls()).containsEntry("loader-service", "http://localhost:8083").hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            withServices("http://localhost:8083")::serviceUrls)
        .hasMessageContaining("is not name=url");
  }

  private static HealthConfig withServices(String... services) {
    java.time.Duration s = java.time.Duration.ofSeconds(1);
    return new HealthConfig(java.util.List.of(services), s, s, 3, s);
  }
}
