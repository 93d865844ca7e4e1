package io.tideway.contracts.json;

import io.tideway.contracts.digest.DigestBench;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Times {@code BsonDocument.toJson} against {@link ExtendedJson#write} on admissions documents;
 * prints JSON.
 */
public final class ExtendedJsonBench {

  private static final int DOCUMENTS = 55_500;
  private static final int ROUNDS = 5;
  private static final JsonWriterSettings EXTENDED =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private ExtendedJsonBench() {}

  public static void main(String[] args) {
    List<BsonDocument> docs = new ArrayList<>(DOCUMENTS);
    for (int i = 1; i <= DOCUMENTS; i++) {
      docs.add(DigestBench.admission("bench-file", i));
    }
    for (BsonDocument d : docs) {
      if (!ExtendedJson.write(d).equals(d.toJson(EXTENDED))) {
        throw new AssertionError("write disagrees with toJson on " + d.toJson(EXTENDED));
      }
    }
    long expected = totalLength(docs, d -> d.toJson(EXTENDED));
    // Alternate the two so drift (JIT, GC, a noisy neighbour) does not favour either; keep the
    // best.
    double toJsonMs = Double.MAX_VALUE;
    double writeMs = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      toJsonMs = Math.min(toJsonMs, time(docs, d -> d.toJson(EXTENDED), expected));
      writeMs = Math.min(writeMs, time(docs, ExtendedJson::write, expected));
    }
    System.out.printf(
        "{\"documents\": %d, \"rounds\": %d, \"toJsonMs\": %.1f, \"writeMs\": %.1f, "
            + "\"toJsonUsPerDoc\": %.2f, \"writeUsPerDoc\": %.2f, \"ratio\": %.2f}%n",
        DOCUMENTS,
        ROUNDS,
        toJsonMs,
        writeMs,
        toJsonMs * 1000 / DOCUMENTS,
        writeMs * 1000 / DOCUMENTS,
        toJsonMs / writeMs);
  }

  private static double time(
      List<BsonDocument> docs, Function<BsonDocument, String> json, long expected) {
    long start = System.nanoTime();
    long length = totalLength(docs, json);
    double ms = (System.nanoTime() - start) / 1e6;
    // Using the result keeps the JIT from discarding the work.
    if (length != expected) {
      throw new AssertionError("output changed between rounds");
    }
    return ms;
  }

  private static long totalLength(List<BsonDocument> docs, Function<BsonDocument, String> json) {
    long length = 0;
    for (BsonDocument d : docs) {
      length += json.apply(d).length();
    }
    return length;
  }
}
