package io.tideway.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class OutcomeBlockSerdeTest {

  private static final String TOPIC = "cleaner-by-document-id-repartition";
  private final OutcomeBlockSerde serde = new OutcomeBlockSerde();

  private static CleanOutcome document(long row) {
    return DedupProcessorTest.doc("f1", row, "d" + row);
  }

  private static CleanOutcome reject(long row) {
    return DedupProcessorTest.reject("f1", row);
  }

  @Test
  void aBlockKeepsItsOutcomesInOrder() {
    OutcomeBlock block = new OutcomeBlock(List.of(document(3), reject(5), document(9)));
    byte[] bytes = serde.serialize(TOPIC, block);
    assertThat(bytes[0]).isEqualTo(OutcomeBlockSerde.FORMAT);
    OutcomeBlock read = serde.deserialize(TOPIC, bytes);
    assertThat(read.outcomes())
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(block.outcomes());
  }

  @Test
  void eachOutcomeInABlockIsItsOwnRecordsBytesAfterItsLength() {
    List<CleanOutcome> outcomes = List.of(document(3), reject(5), document(9));
    byte[] bytes = serde.serialize(TOPIC, new OutcomeBlock(outcomes));
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    in.get();
    assertThat(in.getInt()).isEqualTo(outcomes.size());
    CleanOutcomeSerde single = new CleanOutcomeSerde();
    for (CleanOutcome o : outcomes) {
      byte[] alone = single.serialize(TOPIC, o);
      assertThat(in.getInt()).isEqualTo(alone.length);
      byte[] inBlock = new byte[alone.length];
      in.get(inBlock);
      assertThat(inBlock).isEqualTo(alone);
    }
    assertThat(in.remaining()).isZero();
  }

  @Test
  void anOutcomeOfAnEarlierVersionAloneOnTheTopicIsReadAsABlockOfOne() {
    CleanOutcome old = document(7);
    byte[] format4 = new CleanOutcomeSerde().serialize(TOPIC, old);
    OutcomeBlock read = serde.deserialize(TOPIC, format4);
    assertThat(read.outcomes()).singleElement().usingRecursiveComparison().isEqualTo(old);
  }

  @Test
  void aNewerFormatIsRefusedNamingTheTopicAndTheFormatsThisVersionReads() {
    assertThatThrownBy(() -> serde.deserialize(TOPIC, new byte[] {9, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("format 9")
        .hasMessageContaining("formats 1 to 5");
  }

  @Test
  void aTruncatedOrCorruptBlockIsRefusedNotMisread() {
    byte[] whole = serde.serialize(TOPIC, new OutcomeBlock(List.of(document(1), document(2))));
    for (int cut : new int[] {3, 9, 12, whole.length - 2}) {
      assertThatThrownBy(() -> serde.deserialize(TOPIC, Arrays.copyOf(whole, cut)))
          .as("cut at %d", cut)
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(TOPIC);
    }
    byte[] corrupt = whole.clone();
    java.nio.ByteBuffer.wrap(corrupt).putInt(1, Integer.MAX_VALUE); // the outcome count
    assertThatThrownBy(() -> serde.deserialize(TOPIC, corrupt))
        .isInstanceOf(SerializationException.class);
  }
}
