package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A stored document on its way to a reply as the BSON bytes it is kept as, written to the wire as
 * they are by {@link StoreReplies} instead of decoded into a document and encoded again. It travels
 * through the library's reply code as a document of one field, whose name no decoded document can
 * hold (BSON field names end at a zero byte) and whose value is of this class, which no other
 * encoder writes: an encoder other than {@link StoreReplies} fails on it instead of sending it.
 */
final class StoredDocument {

  private static final String FIELD = "\0stored";

  private final byte[] bson;

  private StoredDocument(byte[] bson) {
    this.bson = bson;
  }

  /** The stored bytes as an element of a reply's batch. */
  static Document of(byte[] bson) {
    return new Document(FIELD, new StoredDocument(bson));
  }

  /** The stored bytes {@code value} carries, or null when it is not one made by {@link #of}. */
  static byte[] bytesOf(Object value) {
    return value instanceof Document d && d.size() == 1 && d.get(FIELD) instanceof StoredDocument s
        ? s.bson
        : null;
  }

  /** Names no field: the reply may be logged at debug level, and rows are personal data. */
  @Override
  public String toString() {
    return "stored document of " + bson.length + " bytes";
  }
}
