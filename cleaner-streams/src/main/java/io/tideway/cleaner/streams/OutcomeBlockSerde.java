package io.tideway.cleaner.streams;

import io.tideway.contracts.kafka.SelfSerde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The repartition record of an {@link OutcomeBlock}, binary: the format byte {@link #FORMAT} (5),
 * the outcome count (int), then per outcome its length (int) and its {@link CleanOutcomeSerde}
 * bytes. A record of formats 1 to 4 (one outcome per record, written by earlier versions and still
 * in the topic after an upgrade) is read as a block of one routed by key; any other first byte is
 * refused with the topic and the format named.
 */
public final class OutcomeBlockSerde implements SelfSerde<OutcomeBlock> {

  /** Format byte of a block. */
  static final byte FORMAT = 5;

  private static final CleanOutcomeSerde OUTCOME = new CleanOutcomeSerde();

  @Override
  public byte[] serialize(String topic, OutcomeBlock block) {
    if (block == null) {
      return null;
    }
    List<CleanOutcomeSerde.Encoded> each = new ArrayList<>(block.outcomes().size());
    int size = 1 + 4;
    for (CleanOutcome o : block.outcomes()) {
      CleanOutcomeSerde.Encoded e = CleanOutcomeSerde.encode(o);
      each.add(e);
      size += 4 + e.size();
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT);
    out.putInt(each.size());
    for (CleanOutcomeSerde.Encoded e : each) {
      out.putInt(e.size());
      e.writeTo(out);
    }
    return out.array();
  }

  @Override
  public OutcomeBlock deserialize(String topic, byte[] data) {
    if (data == null || data.length == 0) {
      return null;
    }
    if (data[0] != FORMAT) {
      return OutcomeBlock.of(OUTCOME.deserialize(topic, data));
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(data);
      in.get();
      int count = in.getInt();
      if (count < 1 || count > in.remaining() / 5) {
        throw new IllegalArgumentException("an outcome count of " + count);
      }
      List<CleanOutcome> outcomes = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int length = in.getInt();
        if (length < 1 || length > in.remaining()) {
          throw new IllegalArgumentException("an outcome of " + length + " bytes");
        }
        outcomes.add(OUTCOME.read(topic, data, in.position(), length));
        in.position(in.position() + length);
      }
      return new OutcomeBlock(outcomes);
    } catch (RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      // No payload in the message: it may hold personal data.
      throw new SerializationException(
          "not a valid repartition record (format " + FORMAT + ") on " + topic, e);
    }
  }

  /** The refusal of a repartition record of a format this version cannot read. */
  static SerializationException unknownFormat(String topic, byte format) {
    return new SerializationException(
        "record on "
            + topic
            + " has repartition format "
            + format
            + "; this cleaner reads formats 1 to "
            + FORMAT
            + ": run the cleaner version that wrote it until the"
            + " topic is drained (docs/PAYLOADS.md, upgrade)");
  }
}
