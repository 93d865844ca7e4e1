package io.tideway.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.tideway.contracts.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framework's mapper writes an object exactly as the payload mapper does. */
class HttpJsonTest {

  record Sample(String fileId, Instant seenAt, Long notYetKnown) {}

  enum Kind {
    CLEAN_ROW
  }

  /** Every kind of value the API's records carry. */
  record Everything(
      Duration took,
      LocalDate day,
      java.math.BigDecimal amount,
      double ratio,
      Kind kind,
      List<String> problems,
      Map<String, Long> countsByFile,
      Sample nested) {}

  /** Like Kafka Streams' TaskId in the streams health details: no bean properties at all. */
  static final class NoProperties {
    public int partition() {
      return 1;
    }
  }

  @Test
  void aHealthDetailWithoutPropertiesStillSerialises() throws Exception {
    try (ApplicationContext ctx = ApplicationContext.run(Map.of("tideway.mappings-feed", false))) {
      ObjectMapper http = ctx.getBean(ObjectMapper.class);
      assertThat(http.writeValueAsString(Map.of("task", new NoProperties())))
          .isEqualTo("{\"task\":{}}");
    }
  }

  @Test
  void theFrameworksMapperFollowsThePayloadConventions() throws Exception {
    try (ApplicationContext ctx = ApplicationContext.run(Map.of("tideway.mappings-feed", false))) {
      ObjectMapper http = ctx.getBean(ObjectMapper.class);
      Sample s = new Sample("f1", Instant.parse("2026-11-30T10:00:00Z"), null);
      assertThat(http.writeValueAsString(s))
          .isEqualTo("{\"file_id\":\"f1\",\"seen_at\":\"2026-11-30T10:00:00Z\"}")
          .isEqualTo(Json.toJson(s));
      Everything e =
          new Everything(
              Duration.ofMillis(1500),
              LocalDate.of(2026, 11, 30),
              new java.math.BigDecimal("12.50"),
              0.25,
              Kind.CLEAN_ROW,
              List.of("a"),
              Map.of("file_a", 3L),
              s);
      assertThat(http.writeValueAsString(e)).isEqualTo(Json.toJson(e));
    }
  }
}
