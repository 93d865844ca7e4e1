package io.tideway.contracts.payload;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.kafka.SelfSerde;
import io.tideway.contracts.payload.RowEnvelope.RowError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The binary form of a {@link RawRow} (docs/PAYLOADS.md): the schema byte {@code 2}, the kind byte,
 * then file id, row, line, ingest time (epoch millis + 1, 0 for none), values, error (rule and
 * message, or one null), file name, mapping and column names, then on a header only the mapping
 * version (a varint; absent in headers of earlier versions, read as 0). Strings are a varint of UTF-8 length
 * + 1 (0 for null) and the UTF-8 bytes; lists a varint of count + 1 (0 for null) and the strings. No
 * column names per row, no JSON.
 *
 * <p>A schema 1 record (JSON {@link RowEnvelope}, starts with {@code '{'}) is read as a
 * self-described row. Any other first byte is refused with the topic and the schema named.
 */
public final class RawRowSerde implements SelfSerde<RawRow> {

  @Override
  public byte[] serialize(String topic, RawRow r) {
    if (r == null) {
      return null;
    }
    Out out = new Out(64 + 24 * r.values().size());
    out.bytes[out.n++] = (byte) RawRow.SCHEMA;
    out.bytes[out.n++] = (byte) r.kind().ordinal();
    out.string(r.fileId());
    out.varlong(r.row());
    out.varlong(r.line());
    out.instant(r.ingestedAt());
    out.list(r.values());
    out.error(r.error());
    out.string(r.fileName());
    out.string(r.mapping());
    out.list(r.columns());
    if (r.isHeader() && r.mappingVersion() > 0) {
      out.varlong(r.mappingVersion());
    }
    return out.n == out.bytes.length ? out.bytes : Arrays.copyOf(out.bytes, out.n);
  }

  @Override
  public RawRow deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length > 0 && data[0] == '{') {
      try {
        return RawRow.of(Json.fromBytes(data, RowEnvelope.class));
      } catch (RuntimeException e) {
        // No payload in the message: it may hold personal data.
        throw new SerializationException("not a valid schema 1 row (JSON) on " + topic, e);
      }
    }
    if (data.length < 2 || data[0] != RawRow.SCHEMA) {
      throw unknownSchema(topic, data, "1 (JSON) and 2 (binary)");
    }
    try {
      In in = new In(data);
      RawRow.Kind[] kinds = RawRow.Kind.values();
      int kind = data[1];
      if (kind < 0 || kind >= kinds.length) {
        throw new SerializationException(
            "record on " + topic + " (schema 2) has unknown kind " + kind);
      }
      String fileId = in.string();
      long row = in.varlong();
      long line = in.varlong();
      Instant at = in.instant();
      List<String> values = in.list();
      RowError error = in.error();
      String fileName = in.string();
      String mapping = in.string();
      List<String> columns = in.list();
      int mappingVersion = in.at < data.length ? Math.toIntExact(in.varlong()) : 0;
      return new RawRow(
          RawRow.SCHEMA,
          kinds[kind],
          fileId,
          row,
          line,
          values,
          error,
          at,
          fileName,
          mapping,
          columns,
          mappingVersion);
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new SerializationException(
          "record on " + topic + " is not a valid schema 2 raw row (" + data.length + " bytes)", e);
    }
  }

  /** The refusal of a record whose schema this version cannot read, naming topic and schema. */
  static SerializationException unknownSchema(String topic, byte[] data, String readable) {
    return new SerializationException(
        "record on "
            + topic
            + " has schema "
            + (data.length == 0 ? "(empty)" : Integer.toString(data[0]))
            + "; this version reads schemas "
            + readable
            + ". Upgrade the cleaner to the version of the ingest that wrote it");
  }

  /** A growable byte buffer; the raw topic's serdes alone write it. */
  static final class Out {
    byte[] bytes;
    int n;

    Out(int size) {
      bytes = new byte[size];
    }

    void ensure(int more) {
      if (n + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, n + more));
      }
    }

    void varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        bytes[n++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[n++] = (byte) v;
    }

    void string(String s) {
      if (s == null) {
        varlong(0);
        return;
      }
      // Worst case 3 bytes per UTF-16 unit; ASCII (the common case) is copied directly.
      int len = s.length();
      ensure(10 + 3 * len);
      boolean ascii = true;
      for (int i = 0; i < len; i++) {
        if (s.charAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        varlong(len + 1L);
        for (int i = 0; i < len; i++) {
          bytes[n++] = (byte) s.charAt(i);
        }
      } else {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varlong(utf8.length + 1L);
        System.arraycopy(utf8, 0, bytes, n, utf8.length);
        n += utf8.length;
      }
    }

    /** An instant as epoch millis + 1, 0 for none. */
    void instant(Instant at) {
      varlong(at == null ? 0 : at.toEpochMilli() + 1);
    }

    /** A row's error as its rule and message, or one null when there is none. */
    void error(RowError error) {
      if (error == null) {
        string(null);
      } else {
        string(error.rule() == null ? "" : error.rule());
        string(error.message());
      }
    }

    void list(List<String> list) {
      if (list == null) {
        varlong(0);
        return;
      }
      varlong(list.size() + 1L);
      for (String s : list) {
        string(s);
      }
    }
  }

  /** A reader over one record's bytes, after the schema and kind bytes. */
  static final class In {
    final byte[] bytes;
    int at = 2;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[at++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    String string() {
      long len = varlong();
      if (len == 0) {
        return null;
      }
      int size = Math.toIntExact(len - 1);
      if (size > bytes.length - at) {
        throw new IllegalArgumentException("string past the end");
      }
      String s = new String(bytes, at, size, StandardCharsets.UTF_8);
      at += size;
      return s;
    }

    Instant instant() {
      long at = varlong();
      return at == 0 ? null : Instant.ofEpochMilli(at - 1);
    }

    RowError error() {
      String rule = string();
      return rule == null ? null : new RowError(rule, string());
    }

    List<String> list() {
      long count = varlong();
      if (count == 0) {
        return null;
      }
      int size = Math.toIntExact(count - 1);
      if (size > bytes.length - at) {
        throw new IllegalArgumentException("list past the end");
      }
      List<String> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(string());
      }
      return out;
    }
  }
}
