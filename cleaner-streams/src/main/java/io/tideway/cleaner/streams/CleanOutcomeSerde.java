package io.tideway.cleaner.streams;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.json.ExtendedJson;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.RejectedRow.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The repartition record of a {@link CleanOutcome}, binary: a format byte ({@link #FORMAT} = 4),
 * the typed fields, and the document's BSON bytes as they are, so nothing is parsed or escaped
 * between the clean stage and the cleaned topic. Strings are length-prefixed UTF-8, -1 for null.
 *
 * <p>Formats 3 and 2 (before digest v3) had the same layout with a digest v2 and v1 hash: read, the
 * hash recomputed from the document's bytes. Format 1 was JSON with the document as an escaped
 * Extended JSON string; a record of it still in the topic after an upgrade starts with {@code '{'}
 * and is read.
 * Any other first byte (a newer format) is refused with the topic and the format named.
 */
public final class CleanOutcomeSerde
    implements Serde<CleanOutcome>, Serializer<CleanOutcome>, Deserializer<CleanOutcome> {

  /** Format byte written first in every record of this version: its hash is digest v3. */
  static final byte FORMAT = 4;

  /**
   * The first format of this layout (format 2 carried a digest v1 hash, format 3 a v2 hash): its
   * hash is recomputed on reading unless the format is {@link #FORMAT}.
   */
  static final byte FORMAT_BINARY = 2;

  @Override
  public byte[] serialize(String topic, CleanOutcome o) {
    if (o == null) {
      return null;
    }
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(o.document() == null ? 256 : o.document().length + 192);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writeString(out, o.fileId());
      writeString(out, o.fileName());
      writeString(out, o.mapping());
      out.writeLong(o.row());
      out.writeLong(o.line());
      writeString(out, o.documentId());
      if (o.document() == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(o.document().length);
        out.write(o.document());
      }
      out.writeLong(o.hash());
      out.writeInt(o.warnings().size());
      for (String w : o.warnings()) {
        writeString(out, w);
      }
      out.writeInt(o.reasons().size());
      for (Reason r : o.reasons()) {
        writeString(out, r.field());
        writeString(out, r.rule());
        writeString(out, r.value());
        writeString(out, r.message());
      }
      writeString(out, o.columns());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public CleanOutcome deserialize(String topic, byte[] data) {
    if (data == null || data.length == 0) {
      return null;
    }
    if (data[0] == '{') {
      return readFormat1(topic, data);
    }
    if (data[0] < FORMAT_BINARY || data[0] > FORMAT) {
      throw new SerializationException(
          "record on "
              + topic
              + " has repartition format "
              + data[0]
              + "; this cleaner reads formats 1 to "
              + FORMAT
              + ": run the cleaner version that wrote it until the"
              + " topic is drained (docs/PAYLOADS.md, upgrade)");
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1))) {
      String fileId = readString(in);
      String fileName = readString(in);
      String mapping = readString(in);
      long row = in.readLong();
      long line = in.readLong();
      String documentId = readString(in);
      int docLength = in.readInt();
      byte[] document = null;
      if (docLength >= 0) {
        document = new byte[docLength];
        in.readFully(document);
      }
      long hash = in.readLong();
      if (data[0] != FORMAT && document != null) {
        hash = ContentDigest.hashBson(document); // an older version's hash must not join the digest
      }
      int warningCount = in.readInt();
      List<String> warnings = new ArrayList<>(warningCount);
      for (int i = 0; i < warningCount; i++) {
        warnings.add(readString(in));
      }
      int reasonCount = in.readInt();
      List<Reason> reasons = new ArrayList<>(reasonCount);
      for (int i = 0; i < reasonCount; i++) {
        reasons.add(new Reason(readString(in), readString(in), readString(in), readString(in)));
      }
      String columns = readString(in);
      return new CleanOutcome(
          fileId,
          fileName,
          mapping,
          row,
          line,
          documentId,
          document,
          hash,
          warnings,
          reasons,
          columns);
    } catch (IOException | RuntimeException e) {
      // No payload in the message: it may hold personal data.
      throw new SerializationException(
          "not a valid repartition record (format " + FORMAT + ") on " + topic, e);
    }
  }

  /** The JSON record of the previous version, its document an Extended JSON string. */
  record Format1(
      String fileId,
      String fileName,
      String mapping,
      long row,
      long line,
      String documentId,
      String document,
      long hash,
      List<String> warnings,
      List<Reason> reasons,
      String columns) {}

  private static CleanOutcome readFormat1(String topic, byte[] data) {
    try {
      Format1 v = Json.fromBytes(data, Format1.class);
      byte[] document =
          v.document() == null ? null : BsonBytes.write(ExtendedJson.read(v.document()));
      return new CleanOutcome(
          v.fileId(),
          v.fileName(),
          v.mapping(),
          v.row(),
          v.line(),
          v.documentId(),
          document,
          document == null ? 0L : ContentDigest.hashBson(document), // v.hash() is digest v1
          v.warnings(),
          v.reasons(),
          v.columns());
    } catch (RuntimeException e) {
      throw new SerializationException(
          "not a valid repartition record (format 1, JSON) on " + topic, e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}

  @Override
  public Serializer<CleanOutcome> serializer() {
    return this;
  }

  @Override
  public Deserializer<CleanOutcome> deserializer() {
    return this;
  }
}
