package io.tideway.verifier;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.LoadReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** Payload builders shared by the verifier's tests. */
public final class Fixtures {

  public static final String MAPPING = "healthcare-admissions";

  private Fixtures() {}

  public static FileEvent fileEvent(FileEventType type, String fileId, long rows) {
    return new FileEvent(FileEvent.SCHEMA, type, fileId, fileId + ".csv", MAPPING, "inbox", rows,
        type == FileEventType.COMPLETED ? 1000 : 0, null, null, null,
        type == FileEventType.FAILED ? "unreadable" : null, Instant.parse("2026-01-01T00:00:00Z"));
  }

  public static CleanStats stats(String fileId, int partition, long cleaned, long duplicates, long rejected,
      String digest) {
    return new CleanStats(CleanStats.SCHEMA, fileId, fileId + ".csv", partition, cleaned, duplicates, rejected,
        digest, Map.of(), Instant.parse("2026-01-01T00:00:00Z"));
  }

  public static LoadReceipt receipt(int partition, long from, long to, String fileId, long inserted, long matched,
      long failed, String matchedDigest) {
    return new LoadReceipt(LoadReceipt.SCHEMA, "tideway.cleaned", partition, from, to,
        Map.of(fileId, new LoadReceipt.FileLoad(inserted, matched, failed, matchedDigest)),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** {@code count} distinct cleaned documents of a file, as MongoDB would store them. */
  public static List<BsonDocument> documents(String fileId, int count) {
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      docs.add(new BsonDocument("_id", new BsonString(fileId + "-" + i))
          .append("patient", new BsonDocument("name", new BsonString("Name " + i)).append("age", new BsonInt32(30 + i)))
          .append("_source", new BsonDocument("file_id", new BsonString(fileId)).append("row", new BsonInt32(i))));
    }
    return docs;
  }

  public static String digest(List<BsonDocument> docs) {
    ContentDigest d = new ContentDigest();
    docs.forEach(d::add);
    return d.hex();
  }
}
