package io.tideway.loader.write;

import org.apache.kafka.common.TopicPartition;
import org.bson.BsonDocument;
import org.bson.BsonNumber;
import org.bson.BsonValue;

/**
 * One cleaned document on its way into MongoDB, with where it came from in Kafka.
 *
 * @param fileId the source file (header {@code tideway-file-id}, else {@code _source.file_id})
 */
public record LoadDocument(
    TopicPartition partition,
    long offset,
    String fileId,
    Namespace namespace,
    BsonDocument document) {

  public BsonValue id() {
    return document.get("_id");
  }

  /** {@code _source.row}, or -1 when the document has none. */
  public long row() {
    return sourceRow(document);
  }

  /** {@code _source.file_name}, or null. */
  public String fileName() {
    BsonValue name = source(document).get("file_name");
    return name != null && name.isString() ? name.asString().getValue() : null;
  }

  static BsonDocument source(BsonDocument document) {
    BsonValue source = document.get("_source");
    return source != null && source.isDocument() ? source.asDocument() : new BsonDocument();
  }

  /** The row number in a document's {@code _source}, whatever numeric type it was written with. */
  public static long sourceRow(BsonDocument document) {
    BsonValue row = source(document).get("row");
    return row instanceof BsonNumber n ? n.longValue() : -1;
  }

  /** The file id in a document's {@code _source}, or null. */
  public static String sourceFileId(BsonDocument document) {
    BsonValue id = source(document).get("file_id");
    return id != null && id.isString() ? id.asString().getValue() : null;
  }
}
