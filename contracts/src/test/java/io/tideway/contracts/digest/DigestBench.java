package io.tideway.contracts.digest;

import io.tideway.contracts.bson.BsonBytes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;

/**
 * Times digest v1 (Extended JSON through the bson library's JsonWriter) against v2 (SHA-256 of the
 * canonical BSON) and v3 (XXH64 of it) on admissions documents, v2 both from a document and from
 * its BSON bytes, v3 from its bytes (what the cleaner and the verifier hash); prints JSON. Run it
 * with {@code -XX:TieredStopAtLevel=1} to see what the services pay.
 */
public final class DigestBench {

  private static final int DOCUMENTS = 55_500;
  private static final int ROUNDS = 5;

  private DigestBench() {}

  public static void main(String[] args) {
    List<BsonDocument> docs = new ArrayList<>(DOCUMENTS);
    List<BsonDocument> raw = new ArrayList<>(DOCUMENTS);
    for (int i = 1; i <= DOCUMENTS; i++) {
      BsonDocument doc = admission("bench-file", i);
      docs.add(doc);
      raw.add(new RawBsonDocument(BsonBytes.write(doc)));
    }
    long v1 = sum(docs, DigestVersion.V1::hash);
    long v2 = sum(docs, DigestVersion.V2::hash);
    if (sum(raw, DigestVersion.V2::hash) != v2) {
      throw new AssertionError("v2 of the bytes disagrees with v2 of the document");
    }
    long v3 = sum(raw, DigestVersion.V3::hash);
    // Alternate them so drift (JIT, GC, a noisy neighbour) favours none; keep the best.
    double v1Ms = Double.MAX_VALUE;
    double v2Ms = Double.MAX_VALUE;
    double v2RawMs = Double.MAX_VALUE;
    double v3RawMs = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      v1Ms = Math.min(v1Ms, time(docs, DigestVersion.V1::hash, v1));
      v2Ms = Math.min(v2Ms, time(docs, DigestVersion.V2::hash, v2));
      v2RawMs = Math.min(v2RawMs, time(raw, DigestVersion.V2::hash, v2));
      v3RawMs = Math.min(v3RawMs, time(raw, DigestVersion.V3::hash, v3));
    }
    System.out.printf(
        "{\"documents\": %d, \"rounds\": %d, \"v1UsPerDoc\": %.2f, \"v2UsPerDoc\": %.2f,"
            + " \"v2FromBytesUsPerDoc\": %.2f, \"v3FromBytesUsPerDoc\": %.2f,"
            + " \"v1OverV2FromBytes\": %.1f, \"v2OverV3FromBytes\": %.1f}%n",
        DOCUMENTS,
        ROUNDS,
        v1Ms * 1000 / DOCUMENTS,
        v2Ms * 1000 / DOCUMENTS,
        v2RawMs * 1000 / DOCUMENTS,
        v3RawMs * 1000 / DOCUMENTS,
        v1Ms / v2RawMs,
        v2RawMs / v3RawMs);
  }

  private static double time(
      List<BsonDocument> docs, ToLongFunction<BsonDocument> hash, long expected) {
    long start = System.nanoTime();
    long sum = sum(docs, hash);
    double ms = (System.nanoTime() - start) / 1e6;
    // Using the result keeps the JIT from discarding the work.
    if (sum != expected) {
      throw new AssertionError("sum changed between rounds");
    }
    return ms;
  }

  private static long sum(List<BsonDocument> docs, ToLongFunction<BsonDocument> hash) {
    long sum = 0;
    for (BsonDocument d : docs) {
      sum += hash.applyAsLong(d);
    }
    return sum;
  }

  /** Row {@code i} of a file as the cleaner writes it for the reference admissions mapping. */
  public static BsonDocument admission(String fileId, int i) {
    return new BsonDocument("_id", new BsonString(fileId + "-" + i))
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
                .append("discharge_date", new BsonDateTime(1_706_140_800_000L + 86_400_000L * i))
                .append("admission_type", new BsonString("Elective"))
                .append("length_of_stay_days", new BsonInt32(i)))
        .append(
            "billing_amount", new BsonDecimal128(new Decimal128(new BigDecimal(1000 + i + ".50"))))
        .append(
            "_source",
            new BsonDocument("file_id", new BsonString(fileId)).append("row", new BsonInt64(i + 1)))
        .append("_quality", new BsonArray());
  }
}
