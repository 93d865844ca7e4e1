package io.tideway.cleaner.streams;

import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.json.ExtendedJson;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.kafka.SelfSerde;
import io.tideway.contracts.payload.RejectedRow.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One {@link CleanOutcome}, binary, as it travels inside an {@link OutcomeBlockSerde} record (and
 * as a whole repartition record of earlier versions): a format byte ({@link #FORMAT} = 4),
 * the typed fields, and the document's BSON bytes as they are, so nothing is parsed or escaped
 * between the clean stage and the cleaned topic. Strings are length-prefixed UTF-8, -1 for null.
 *
 * <p>Formats 3 and 2 (before digest v3) had the same layout with a digest v2 and v1 hash: read, the
 * hash recomputed from the document's bytes. Format 1 was JSON with the document as an escaped
 * Extended JSON string; a record of it still in the topic after an upgrade starts with {@code '{'}
 * and is read.
 * Any other first byte (a newer format) is refused with the topic and the format named.
 */
public final class CleanOutcomeSerde implements SelfSerde<CleanOutcome> {

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
    Encoded e = encode(o);
    ByteBuffer out = ByteBuffer.allocate(e.size());
    e.writeTo(out);
    return out.array();
  }

  /**
   * An outcome with its strings already encoded, so its exact size is known before it is written: a
   * block of outcomes ({@link OutcomeBlockSerde}) is written into one array without a copy per
   * outcome.
   */
  static Encoded encode(CleanOutcome o) {
    List<String> strings = new ArrayList<>(8);
    strings.addAll(Arrays.asList(o.fileId(), o.fileName(), o.mapping(), o.documentId()));
    strings.addAll(o.warnings());
    for (Reason r : o.reasons()) {
      strings.addAll(Arrays.asList(r.field(), r.rule(), r.value(), r.message()));
    }
    strings.add(o.columns());
    List<byte[]> utf8 = new ArrayList<>(strings.size());
    int size = 1 + 8 + 8 + 4 + 8 + 4 + 4 + (o.document() == null ? 0 : o.document().length);
    for (String text : strings) {
      byte[] b = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
      utf8.add(b);
      size += 4 + (b == null ? 0 : b.length);
    }
    return new Encoded(o, utf8, size);
  }

  /** An outcome, its strings in the order written, and its size in bytes. */
  record Encoded(CleanOutcome outcome, List<byte[]> utf8, int size) {

    /** Writes the record ({@link #size} bytes) at the buffer's position. */
    void writeTo(ByteBuffer out) {
      CleanOutcome o = outcome;
      Iterator<byte[]> next = utf8.iterator();
      out.put(FORMAT);
      putString(out, next.next()); // file id
      putString(out, next.next()); // file name
      putString(out, next.next()); // mapping
      out.putLong(o.row());
      out.putLong(o.line());
      putString(out, next.next()); // document id
      if (o.document() == null) {
        out.putInt(-1);
      } else {
        out.putInt(o.document().length);
        out.put(o.document());
      }
      out.putLong(o.hash());
      out.putInt(o.warnings().size());
      for (int i = 0; i < o.warnings().size(); i++) {
        putString(out, next.next());
      }
      out.putInt(o.reasons().size());
      while (next.hasNext()) {
        putString(out, next.next()); // four per reason, then the columns
      }
    }
  }

  @Override
  public CleanOutcome deserialize(String topic, byte[] data) {
    if (data == null || data.length == 0) {
      return null;
    }
    return read(topic, data, 0, data.length);
  }

  /** The outcome written at {@code offset}, {@code length} bytes long, of a record on topic. */
  CleanOutcome read(String topic, byte[] data, int offset, int length) {
    byte format = data[offset];
    if (format == '{') {
      return readFormat1(topic, Arrays.copyOfRange(data, offset, offset + length));
    }
    if (format < FORMAT_BINARY || format > FORMAT) {
      throw OutcomeBlockSerde.unknownFormat(topic, format);
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(data, offset + 1, length - 1);
      String fileId = getString(in);
      String fileName = getString(in);
      String mapping = getString(in);
      long row = in.getLong();
      long line = in.getLong();
      String documentId = getString(in);
      int docLength = in.getInt();
      byte[] document = null;
      if (docLength >= 0) {
        document = new byte[count(docLength, in, 1)];
        in.get(document);
      }
      long hash = in.getLong();
      if (format != FORMAT && document != null) {
        hash = ContentDigest.hashBson(document); // an older version's hash must not join the digest
      }
      int warningCount = count(in.getInt(), in, 4);
      List<String> warnings = new ArrayList<>(warningCount);
      for (int i = 0; i < warningCount; i++) {
        warnings.add(getString(in));
      }
      int reasonCount = count(in.getInt(), in, 16);
      List<Reason> reasons = new ArrayList<>(reasonCount);
      for (int i = 0; i < reasonCount; i++) {
        reasons.add(new Reason(getString(in), getString(in), getString(in), getString(in)));
      }
      String columns = getString(in);
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
    } catch (RuntimeException e) {
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

  /**
   * {@code n}, checked against what is left of the record at {@code bytesEach} bytes per item, so
   * that a corrupt count is refused before it asks for a large array.
   */
  private static int count(int n, ByteBuffer in, int bytesEach) {
    if (n < 0 || n > in.remaining() / bytesEach) {
      throw new IllegalArgumentException("a count of " + n + " runs past the record's end");
    }
    return n;
  }

  /** A length-prefixed UTF-8 string, -1 for null. */
  private static void putString(ByteBuffer out, byte[] utf8) {
    if (utf8 == null) {
      out.putInt(-1);
      return;
    }
    out.putInt(utf8.length);
    out.put(utf8);
  }

  private static String getString(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    count(n, in, 1);
    String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
    in.position(in.position() + n);
    return s;
  }
}
