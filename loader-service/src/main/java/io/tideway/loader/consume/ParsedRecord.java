package io.tideway.loader.consume;

import io.tideway.loader.write.LoadDocument;
import io.tideway.loader.write.Refusal;
import org.apache.kafka.common.TopicPartition;

/** One consumed cleaned record: either a document to write or a refusal, never both. */
public record ParsedRecord(
    TopicPartition partition, long offset, String fileId, LoadDocument document, Refusal refusal) {

  static ParsedRecord document(LoadDocument doc) {
    return new ParsedRecord(doc.partition(), doc.offset(), doc.fileId(), doc, null);
  }

  static ParsedRecord refused(Refusal refusal) {
    return new ParsedRecord(refusal.partition(), refusal.offset(), refusal.fileId(), null, refusal);
  }
}
