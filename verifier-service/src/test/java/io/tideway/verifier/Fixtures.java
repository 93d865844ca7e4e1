package io.tideway.verifier;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.verifier.ledger.FileLedger;
import io.tideway.verifier.ledger.MappingResolver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.types.Decimal128;

/** Payload builders shared by the verifier's tests. */
public final class Fixtures {

  public static final String MAPPING = "healthcare-admissions";

  private Fixtures() {}

  public static FileEvent fileEvent(FileEventType type, String fileId, long rows) {
    return new FileEvent(
        FileEvent.SCHEMA,
        type,
        fileId,
        fileId + ".csv",
        MAPPING,
        "inbox",
        rows,
        type == FileEventType.COMPLETED ? 1000 : 0,
        null,
        null,
        null,
        type == FileEventType.FAILED ? "unreadable" : null,
        Instant.parse("2026-01-01T00:00:00Z"),
        0);
  }

  public static CleanStats stats(
      String fileId, int partition, long cleaned, long duplicates, long rejected, String digest) {
    return stats(fileId, partition, cleaned, duplicates, rejected, digest, null);
  }

  /**
   * Counters whose {@code duplicatesOf} rows are duplicates of documents first seen in other files.
   */
  public static CleanStats stats(
      String fileId,
      int partition,
      long cleaned,
      long duplicates,
      long rejected,
      String digest,
      Map<String, Long> duplicatesOf) {
    return new CleanStats(
        CleanStats.SCHEMA,
        fileId,
        fileId + ".csv",
        partition,
        cleaned,
        duplicates,
        rejected,
        digest,
        Map.of(),
        Instant.parse("2026-01-01T00:00:00Z"),
        duplicatesOf);
  }

  public static LoadReceipt receipt(
      int partition,
      long from,
      long to,
      String fileId,
      long inserted,
      long matched,
      long failed,
      String matchedDigest) {
    return new LoadReceipt(
        LoadReceipt.SCHEMA,
        "tideway.cleaned",
        partition,
        from,
        to,
        Map.of(fileId, new LoadReceipt.FileLoad(inserted, matched, failed, matchedDigest)),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** The mappings the tests resolve: the built-in ones. */
  public static final MappingResolver MAPPINGS = MappingCatalog.builtIn()::get;

  /**
   * {@code count} distinct cleaned documents of a file, as the cleaner writes them for the
   * reference mapping (every field and BSON type, null in some optional ones).
   */
  public static List<BsonDocument> documents(String fileId, int count) {
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      docs.add(
          new BsonDocument("_id", new BsonString(fileId + "-" + i))
              .append(
                  "patient",
                  new BsonDocument("name", new BsonString("Name " + i))
                      .append("age", new BsonInt32(30 + i))
                      .append("gender", new BsonString(i % 2 == 0 ? "Male" : "Female"))
                      .append("blood_type", new BsonString("O+")))
              .append(
                  "medical",
                  new BsonDocument("condition", new BsonString("Asthma"))
                      .append("medication", new BsonString("Ibuprofen"))
                      .append("test_results", BsonNull.VALUE))
              .append(
                  "facility",
                  new BsonDocument("doctor", new BsonString("Doctor " + i))
                      .append("hospital", new BsonString("Hospital " + i))
                      .append("insurance_provider", BsonNull.VALUE)
                      .append("room_number", new BsonInt32(100 + i)))
              .append(
                  "stay",
                  new BsonDocument("admission_date", new BsonDateTime(1_706_140_800_000L))
                      .append(
                          "discharge_date", new BsonDateTime(1_706_140_800_000L + 86_400_000L * i))
                      .append("admission_type", new BsonString("Elective"))
                      .append("length_of_stay_days", new BsonInt32(i)))
              .append(
                  "billing_amount",
                  new BsonDecimal128(new Decimal128(new BigDecimal(1000 + i + ".50"))))
              .append(
                  "_source",
                  new BsonDocument("file_id", new BsonString(fileId))
                      .append("row", new BsonInt64(i + 1)))
              .append("_quality", new BsonArray()));
    }
    return docs;
  }

  /**
   * Feeds a ledger the topics' view of one file of 12 rows: 10 cleaned over two cleaner partitions
   * ({@code docs} 0-5 and 6-9), 1 duplicate, 1 rejected, all 10 inserted by two loader receipts.
   */
  public static void ingestCompleteFile(
      FileLedger ledger, String fileId, List<BsonDocument> docs, Instant at) {
    ingestCompleteFile(ledger, fileId, docs, at, 0);
  }

  /**
   * The same, with the loader's receipts starting at {@code offset} (each file of a test needs its
   * own).
   */
  public static void ingestCompleteFile(
      FileLedger ledger, String fileId, List<BsonDocument> docs, Instant at, long offset) {
    ledger.onFileEvent(fileEvent(FileEventType.DISCOVERED, fileId, 0), at);
    ledger.onFileEvent(fileEvent(FileEventType.STARTED, fileId, 0), at);
    ledger.onFileEvent(fileEvent(FileEventType.COMPLETED, fileId, 12), at);
    ledger.onCleanStats(stats(fileId, 0, 6, 1, 0, digest(docs.subList(0, 6))), at);
    ledger.onCleanStats(stats(fileId, 1, 4, 0, 1, digest(docs.subList(6, 10))), at);
    ledger.onReceipt(receipt(0, offset, offset + 5, fileId, 6, 0, 0, null), at);
    ledger.onReceipt(receipt(1, offset, offset + 3, fileId, 4, 0, 0, null), at);
  }

  public static String digest(List<BsonDocument> docs) {
    ContentDigest d = new ContentDigest();
    docs.forEach(d::add);
    return d.hex();
  }
}
