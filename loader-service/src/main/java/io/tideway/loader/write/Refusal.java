package io.tideway.loader.write;

import org.apache.kafka.common.TopicPartition;

/**
 * A cleaned record that will never be stored: MongoDB refused it permanently or it could not be
 * read.
 *
 * @param row the row in the source file, -1 when unknown
 * @param rule short machine name of the failure, e.g. {@code mongodb.write_error}
 * @param message versioned, stack-free text, e.g. {@code v=1, code=2, message=...}
 */
public record Refusal(
    TopicPartition partition,
    long offset,
    String fileId,
    String fileName,
    long row,
    String rule,
    String message) {

  /** A refusal of a document MongoDB answered with a write error. */
  public static Refusal ofWriteError(LoadDocument doc, int code, String serverMessage) {
    return new Refusal(
        doc.partition(),
        doc.offset(),
        doc.fileId(),
        doc.fileName(),
        doc.row(),
        "mongodb.write_error",
        "v=1, code=" + code + ", message=" + serverMessage);
  }
}
