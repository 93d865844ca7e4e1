package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.contracts.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FirstSeenSerdeTest {

  private final FirstSeenSerde serde = new FirstSeenSerde();

  @Test
  void roundTripsIncludingFileIdsWithTheSeparator() {
    for (FirstSeen v :
        new FirstSeen[] {
          new FirstSeen("3f9c2a7d10b4e6a1", 55_500, 1_764_000_000_000L),
          new FirstSeen("odd|id|é", 0, 0),
          new FirstSeen("", -1, Long.MAX_VALUE)
        }) {
      byte[] bytes = serde.serializer().serialize("t", v);
      assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(v);
    }
    assertThat(
            new String(
                serde.serializer().serialize("t", new FirstSeen("f1", 7, 42)),
                StandardCharsets.UTF_8))
        .isEqualTo("42|7|f1");
  }

  @Test
  void readsEntriesWrittenAsJsonByEarlierVersions() {
    FirstSeen v = new FirstSeen("f1", 12, 1_764_000_000_000L);
    byte[] json = new JsonSerde<>(FirstSeen.class).serializer().serialize("t", v);
    assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(v);
  }

  @Test
  void nullsStayNullAndGarbageIsRefusedByName() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThatThrownBy(
            () ->
                serde.deserializer().deserialize("t", "nonsense".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a dedup entry");
  }
}
