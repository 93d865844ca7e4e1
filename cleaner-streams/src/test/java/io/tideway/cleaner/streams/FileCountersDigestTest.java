package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.CleanStats;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which digest version a file's counters state, across an upgrade in the middle of a file. */
class FileCountersDigestTest {

  private static final FileCounters EMPTY = FileCounters.empty("f", "f.csv", 0);

  /** Counters as a cleaner before digest v2 stored them: no digest_version. */
  private static FileCounters storedBeforeV2(long cleaned, long duplicates) {
    return stored(cleaned, duplicates, "");
  }

  /** Counters as a cleaner of digest v2 stored them. */
  private static FileCounters storedInV2(long cleaned, long duplicates) {
    return stored(cleaned, duplicates, ",\"digest_version\":2");
  }

  private static FileCounters stored(long cleaned, long duplicates, String version) {
    String json =
        "{\"file_id\":\"f\",\"file_name\":\"f.csv\",\"partition\":0,\"cleaned\":"
            + cleaned
            + ",\"duplicates\":"
            + duplicates
            + ",\"rejected\":0,\"digest\":255,\"warnings\":{},\"updated_ms\":1"
            + version
            + "}";
    return Json.fromJson(json, FileCounters.class);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // what, counters, stats schema, digest stated
        Arguments.of("new file", EMPTY.plusCleaned(7, List.of(), 1), 3, true),
        Arguments.of("new file, nothing cleaned yet", EMPTY.plusDuplicate("g", 1), 3, true),
        Arguments.of("stored before v2, not touched since", storedBeforeV2(3, 0), 1, true),
        Arguments.of(
            "stored before v2, only duplicates since",
            storedBeforeV2(3, 0).plusDuplicate("g", 2),
            1,
            true),
        Arguments.of(
            "stored before v2 with nothing cleaned, then a v3 hash",
            storedBeforeV2(0, 4).plusCleaned(7, List.of(), 2),
            3,
            true),
        Arguments.of(
            "stored before v2 with documents, then a v3 hash: mixed",
            storedBeforeV2(3, 0).plusCleaned(7, List.of(), 2),
            3,
            false),
        Arguments.of(
            "mixed stays mixed",
            storedBeforeV2(3, 0).plusCleaned(7, List.of(), 2).plusCleaned(8, List.of(), 3),
            3,
            false),
        Arguments.of("stored in v2, not touched since", storedInV2(3, 0), 2, true),
        Arguments.of(
            "stored in v2, only duplicates since", storedInV2(3, 0).plusDuplicate("g", 2), 2, true),
        Arguments.of(
            "stored in v2 with nothing cleaned, then a v3 hash",
            storedInV2(0, 4).plusCleaned(7, List.of(), 2),
            3,
            true),
        Arguments.of(
            "stored in v2 with documents, then a v3 hash: mixed",
            storedInV2(3, 0).plusCleaned(7, List.of(), 2),
            3,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theStatsSchemaSaysTheDigestVersionAndAMixIsNotStated(
      String why, FileCounters counters, int schema, boolean stated) {
    CleanStats stats = counters.toStats(10);
    assertThat(stats.schema()).isEqualTo(schema);
    assertThat(stats.digest() != null).isEqualTo(stated);
  }

  @Test
  void theDigestVersionSurvivesTheStore() {
    FileCounters mixed = storedBeforeV2(3, 0).plusCleaned(7, List.of(), 2);
    FileCounters back = Json.fromBytes(Json.toBytes(mixed), FileCounters.class);
    assertThat(back.toStats(10).digest()).isNull();
    FileCounters v2 = EMPTY.plusCleaned(7, List.of(), 1);
    assertThat(Json.fromBytes(Json.toBytes(v2), FileCounters.class).toStats(10).digest())
        .isEqualTo(ContentDigest.format(7));
  }
}
