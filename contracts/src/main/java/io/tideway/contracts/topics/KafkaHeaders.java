package io.tideway.contracts.topics;

/** Kafka record headers Tideway sets; payloads stay as documented, routing facts travel here. */
public final class KafkaHeaders {

  /**
   * Name of the mapping that produced a cleaned document; the loader resolves the collection from
   * it.
   */
  public static final String MAPPING = "tideway-mapping";

  /** File id of the row a cleaned document came from. */
  public static final String FILE_ID = "tideway-file-id";

  private KafkaHeaders() {}
}
