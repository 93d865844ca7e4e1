package io.tideway.contracts.payload;

import io.tideway.contracts.kafka.SelfSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary form of a {@link RawBlock} (docs/PAYLOADS.md). A block of rows is schema 3: the schema
 * byte {@code 3}, the kind byte {@code 2}, file id, ingest time (epoch millis + 1, 0 for none) and
 * the row count, then per row its row, line, values and error (rule and message, or one null), in
 * {@link RawRowSerde}'s encodings. A header and a self-described row are written alone as schema 2
 * records; schema 1 and 2 records are read as blocks of one. Any other schema is refused with the
 * topic and the schema named.
 */
public final class RawBlockSerde implements SelfSerde<RawBlock> {

  /** Schema of a block of rows. */
  public static final int SCHEMA = 3;

  private static final int KIND_ROWS = 2;
  private static final RawRowSerde SINGLE = new RawRowSerde();

  @Override
  public byte[] serialize(String topic, RawBlock block) {
    if (block == null) {
      return null;
    }
    List<RawRow> rows = block.rows();
    RawRow first = rows.get(0);
    if (first.isHeader() || first.columns() != null) {
      return SINGLE.serialize(topic, first);
    }
    RawRowSerde.Out out = new RawRowSerde.Out(32 + 160 * rows.size());
    out.bytes[out.n++] = (byte) SCHEMA;
    out.bytes[out.n++] = (byte) KIND_ROWS;
    out.string(first.fileId());
    out.instant(first.ingestedAt());
    out.varlong(rows.size());
    for (RawRow r : rows) {
      out.varlong(r.row());
      out.varlong(r.line());
      out.list(r.values());
      out.error(r.error());
    }
    return out.n == out.bytes.length ? out.bytes : Arrays.copyOf(out.bytes, out.n);
  }

  @Override
  public RawBlock deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > 0 && (data[0] == '{' || data[0] == RawRow.SCHEMA)) {
      return RawBlock.of(SINGLE.deserialize(topic, data));
    }
    if (data.length == 0 || data[0] != SCHEMA) {
      throw RawRowSerde.unknownSchema(topic, data, "1 (JSON), 2 and 3 (binary)");
    }
    if (data.length < 2 || data[1] != KIND_ROWS) {
      throw new SerializationException(
          "record on "
              + topic
              + " (schema 3) has unknown kind "
              + (data.length < 2 ? -1 : data[1]));
    }
    try {
      RawRowSerde.In in = new RawRowSerde.In(data);
      String fileId = in.string();
      Instant ingestedAt = in.instant();
      int count = Math.toIntExact(in.varlong());
      if (count < 1 || count > data.length) {
        throw new IllegalArgumentException("row count " + count);
      }
      List<RawRow> rows = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long row = in.varlong();
        long line = in.varlong();
        List<String> values = in.list();
        rows.add(RawRow.row(fileId, row, line, values, in.error(), ingestedAt));
      }
      return new RawBlock(rows);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new SerializationException(
          "record on " + topic + " is not a valid schema 3 raw block (" + data.length + " bytes)",
          e);
    }
  }
}
