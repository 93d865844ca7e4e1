package io.tideway.contracts.digest;

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
import org.bson.types.Decimal128;

/**
 * Times the reference hash against {@link ContentDigest#hash} on admissions documents; prints JSON.
 */
public final class DigestBench {

  private static final int DOCUMENTS = 55_500;
  private static final int ROUNDS = 5;

  private DigestBench() {}

  public static void main(String[] args) {
    List<BsonDocument> docs = new ArrayList<>(DOCUMENTS);
    for (int i = 1; i <= DOCUMENTS; i++) {
      docs.add(admission("bench-file", i));
    }
    long expected = sum(docs, ReferenceDigest::hash);
    if (sum(docs, ContentDigest::hash) != expected) {
      throw new AssertionError("the new hash disagrees with the reference");
    }
    // Alternate the two so drift (JIT, GC, a noisy neighbour) does not favour either; keep the
    // best.
    double referenceMs = Double.MAX_VALUE;
    double newMs = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      referenceMs = Math.min(referenceMs, time(docs, ReferenceDigest::hash, expected));
      newMs = Math.min(newMs, time(docs, ContentDigest::hash, expected));
    }
    System.out.printf(
        "{\"documents\": %d, \"rounds\": %d, \"referenceMs\": %.1f, \"newMs\": %.1f, "
            + "\"referenceUsPerDoc\": %.2f, \"newUsPerDoc\": %.2f, \"ratio\": %.2f}%n",
        DOCUMENTS,
        ROUNDS,
        referenceMs,
        newMs,
        referenceMs * 1000 / DOCUMENTS,
        newMs * 1000 / DOCUMENTS,
        referenceMs / newMs);
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
