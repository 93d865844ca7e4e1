package io.tideway.contracts.json;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonReader;
import org.bson.BsonSerializationException;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;
import org.bson.io.ByteBufferBsonInput;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes a BsonDocument as the Extended JSON that {@code toJson} prints, in UTF-8, with its keys as
 * they are or sorted at every depth.
 *
 * <p>{@code toJson} spends most of its time in codec look-ups, writer contexts and a Writer; this
 * prints the same bytes without them. It follows the traversal of {@code BsonDocumentCodec} and
 * {@code JsonWriter} (unsorted, a raw document is piped from its bytes, as {@code
 * BsonDocumentCodec} does); {@link Utf8JsonOutput} prints, using the settings' own converters for
 * the rarer types. Sorted, it prints {@code toJson} of a copy with every entry set sorted, the form
 * the content digest hashes. Tests compare both with the bson library on every BSON type, every
 * UTF-16 char and thousands of random documents.
 *
 * <p>Instances are mutable and used by one thread at a time; callers keep one per thread and take a
 * fresh one when {@link #isBusy} says a write on the same thread is under way.
 */
public final class ExtendedJsonWriter {

  /** Takes the output a bufferful at a time; {@code MessageDigest::update} is one. */
  @FunctionalInterface
  public interface Sink {
    void write(byte[] bytes, int offset, int length);
  }

  private static final JsonWriterSettings SETTINGS =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private static final Comparator<Map.Entry<String, BsonValue>> BY_KEY = Map.Entry.comparingByKey();

  // AbstractBsonWriter's limit and message, so a too-deep document fails exactly as in toJson.
  private static final int MAX_DEPTH = SETTINGS.getMaxSerializationDepth();
  private static final String TOO_DEEP =
      "Maximum serialization depth exceeded (does the object being serialized have a circular reference?).";

  // Reads the scalars of piped raw documents; the codec and the context are stateless.
  private static final BsonValueCodec SCALARS = new BsonValueCodec();
  private static final DecoderContext DECODING = DecoderContext.builder().build();

  private final Utf8JsonOutput out;

  // AbstractBsonWriter's serialization depth, which counts documents and arrays only.
  private int depth;

  // Entries of the documents being sorted, innermost last; each document sorts its own slice.
  @SuppressWarnings("unchecked")
  private Map.Entry<String, BsonValue>[] entries = new Map.Entry[64];

  private int entryCount;
  private int entryPeak;

  private boolean busy;

  private ExtendedJsonWriter(Sink sink) {
    out = new Utf8JsonOutput(sink);
  }

  /** A writer for {@link #write}, which streams every byte into {@code sink}. */
  public static ExtendedJsonWriter streamingTo(Sink sink) {
    if (sink == null) {
      throw new IllegalArgumentException("sink");
    }
    return new ExtendedJsonWriter(sink);
  }

  /** A writer for {@link #toJson}, which keeps the whole output in a growing buffer. */
  public static ExtendedJsonWriter buffering() {
    return new ExtendedJsonWriter(null);
  }

  /**
   * Whether a write is under way on this writer (its thread re-entered it, say from an encoder).
   */
  public boolean isBusy() {
    return busy;
  }

  /** Streams the JSON of {@code document} into the sink; every byte has reached it on return. */
  public void write(BsonDocument document, boolean sortKeys) {
    begin(true);
    try {
      writeDocument(document, sortKeys);
      out.drain();
    } finally {
      end();
    }
  }

  /**
   * The JSON of {@code document}; unsorted, exactly the String of {@code
   * document.toJson(JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build())}.
   */
  public String toJson(BsonDocument document, boolean sortKeys) {
    begin(false);
    try {
      writeDocument(document, sortKeys);
      return out.text();
    } finally {
      end();
    }
  }

  private void begin(boolean streaming) {
    if (busy) {
      throw new IllegalStateException(
          "already writing; re-entrant callers need a writer of their own");
    }
    if (out.isStreaming() != streaming) {
      throw new IllegalStateException(
          streaming ? "a buffering writer has no sink" : "a streaming writer keeps no text");
    }
    busy = true;
    // A previous call may have thrown half-way (too deep, a broken document): start clean.
    out.reset();
    depth = 0;
    entryCount = 0;
  }

  private void end() {
    // The thread outlives the document; do not keep its values, or a huge buffer, reachable.
    Arrays.fill(entries, 0, entryPeak, null);
    entryPeak = 0;
    out.trim();
    busy = false;
  }

  // ---- BSON traversal, as BsonDocumentCodec and JsonWriter drive the JSON writer ----

  private void writeDocument(BsonDocument document, boolean sort) {
    // BsonDocumentCodec pipes a raw document from its bytes; the sorted copy had read its entry
    // set.
    if (!sort && document instanceof RawBsonDocument raw) {
      pipeRaw(raw);
      return;
    }
    enterBsonLevel();
    out.writeStartObject();
    if (sort) {
      writeSortedFields(document);
    } else {
      for (Map.Entry<String, BsonValue> e : document.entrySet()) {
        out.writeName(e.getKey());
        writeValue(e.getValue(), false);
      }
    }
    out.writeEndObject();
    depth--;
  }

  private void writeSortedFields(BsonDocument document) {
    int from = entryCount;
    for (Map.Entry<String, BsonValue> e : document.entrySet()) {
      if (entryCount == entries.length) {
        entries = Arrays.copyOf(entries, entryCount * 2);
      }
      entries[entryCount++] = e;
    }
    int to = entryCount;
    entryPeak = Math.max(entryPeak, to);
    // Stable, like the List.sort of the sorted copy this replaces.
    Arrays.sort(entries, from, to, BY_KEY);
    for (int i = from; i < to; i++) {
      Map.Entry<String, BsonValue> e = entries[i];
      // The sorted copy was a map: had an entry set repeated a key, its last value would have won.
      if (i + 1 < to && e.getKey().equals(entries[i + 1].getKey())) {
        continue;
      }
      out.writeName(e.getKey());
      writeValue(e.getValue(), true);
    }
    entryCount = from;
  }

  private void writeArray(BsonArray array, boolean sort) {
    enterBsonLevel();
    out.writeStartArray();
    for (BsonValue v : array) {
      writeValue(v, sort);
    }
    out.writeEndArray();
    depth--;
  }

  private void enterBsonLevel() {
    if (++depth > MAX_DEPTH) {
      throw new BsonSerializationException(TOO_DEEP);
    }
  }

  /** {@code sort} is false inside a JavaScript scope, which the sorted copy left untouched. */
  private void writeValue(BsonValue value, boolean sort) {
    switch (value.getBsonType()) {
      case DOCUMENT -> writeDocument(value.asDocument(), sort);
      case ARRAY -> writeArray(value.asArray(), sort);
      // The commonest types skip their converters' boxing and Strings but print what they print.
      case STRING -> out.writeString(value.asString().getValue());
      case NULL -> out.writeNull();
      case INT32 -> out.writeInt32(value.asInt32().getValue());
      case INT64 -> out.writeInt64(value.asInt64().getValue());
      case DATE_TIME -> out.writeDateTime(value.asDateTime().getValue());
      case DECIMAL128 ->
          SETTINGS.getDecimal128Converter().convert(value.asDecimal128().getValue(), out);
      case DOUBLE -> SETTINGS.getDoubleConverter().convert(value.asDouble().getValue(), out);
      case BOOLEAN -> SETTINGS.getBooleanConverter().convert(value.asBoolean().getValue(), out);
      case OBJECT_ID -> SETTINGS.getObjectIdConverter().convert(value.asObjectId().getValue(), out);
      case BINARY -> SETTINGS.getBinaryConverter().convert(value.asBinary(), out);
      case REGULAR_EXPRESSION ->
          SETTINGS.getRegularExpressionConverter().convert(value.asRegularExpression(), out);
      case TIMESTAMP -> SETTINGS.getTimestampConverter().convert(value.asTimestamp(), out);
      case SYMBOL -> SETTINGS.getSymbolConverter().convert(value.asSymbol().getSymbol(), out);
      case JAVASCRIPT ->
          SETTINGS.getJavaScriptConverter().convert(value.asJavaScript().getCode(), out);
      case JAVASCRIPT_WITH_SCOPE -> writeCodeWithScope(value.asJavaScriptWithScope());
      case DB_POINTER -> writeDbPointer(value.asDBPointer());
      case UNDEFINED -> SETTINGS.getUndefinedConverter().convert(null, out);
      case MIN_KEY -> SETTINGS.getMinKeyConverter().convert(null, out);
      case MAX_KEY -> SETTINGS.getMaxKeyConverter().convert(null, out);
      default ->
          throw new BsonSerializationException("Not a BSON value type: " + value.getBsonType());
    }
  }

  private void writeCodeWithScope(BsonJavaScriptWithScope value) {
    startCodeWithScope(value.getCode());
    writeDocument(value.getScope(), false);
    endCodeWithScope();
  }

  private void startCodeWithScope(String code) {
    // JsonWriter wraps code and scope in a document of its own, which counts towards the depth.
    enterBsonLevel();
    out.writeStartObject();
    out.writeName("$code");
    SETTINGS.getStringConverter().convert(code, out);
    out.writeName("$scope");
  }

  private void endCodeWithScope() {
    out.writeEndObject();
    depth--;
  }

  private void writeDbPointer(BsonDbPointer value) {
    // JsonWriter has no converter setting for DBPointer; this is its Extended JSON form.
    out.writeStartObject();
    out.writeStartObject("$dbPointer");
    out.writeString("$ref", value.getNamespace());
    out.writeName("$id");
    SETTINGS.getObjectIdConverter().convert(value.getId(), out);
    out.writeEndObject();
    out.writeEndObject();
  }

  // ---- raw documents, piped from their bytes as AbstractBsonWriter.pipe does ----

  // Unlike the entry set, which decodes into a map, the bytes keep a repeated key, and so does
  // toJson.
  private void pipeRaw(RawBsonDocument document) {
    try (BsonBinaryReader reader =
        new BsonBinaryReader(new ByteBufferBsonInput(document.getByteBuffer()))) {
      pipeDocument(reader);
    }
  }

  private void pipeDocument(BsonReader reader) {
    reader.readStartDocument();
    enterBsonLevel();
    out.writeStartObject();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      out.writeName(reader.readName());
      pipeValue(reader);
    }
    reader.readEndDocument();
    out.writeEndObject();
    depth--;
  }

  private void pipeArray(BsonReader reader) {
    reader.readStartArray();
    enterBsonLevel();
    out.writeStartArray();
    while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
      pipeValue(reader);
    }
    reader.readEndArray();
    out.writeEndArray();
    depth--;
  }

  private void pipeValue(BsonReader reader) {
    switch (reader.getCurrentBsonType()) {
      case DOCUMENT -> pipeDocument(reader);
      case ARRAY -> pipeArray(reader);
      case JAVASCRIPT_WITH_SCOPE -> {
        startCodeWithScope(reader.readJavaScriptWithScope());
        pipeDocument(reader);
        endCodeWithScope();
      }
      default -> writeValue(SCALARS.decode(reader, DECODING), false);
    }
  }
}
