package io.tideway.loader.receipt;

import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.loader.consume.ParsedRecord;
import io.tideway.loader.write.BatchResult;
import io.tideway.loader.write.LoadDocument;
import io.tideway.loader.write.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything one acknowledged batch publishes in its Kafka transaction: one receipt per partition,
 * the rejected rows, and the offsets to commit (last offset + 1 per partition).
 */
public record BatchReceipts(
    List<LoadReceipt> receipts,
    List<RejectedRow> rejected,
    Map<TopicPartition, OffsetAndMetadata> offsets) {

  /**
   * Builds the receipts of {@code records} (the whole batch, in consumption order) from MongoDB's
   * result.
   */
  public static BatchReceipts of(List<ParsedRecord> records, BatchResult result, Instant now) {
    Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
    Map<TopicPartition, Map<String, FileTally>> tallies = new LinkedHashMap<>();
    for (ParsedRecord r : records) {
      ranges.merge(
          r.partition(),
          new long[] {r.offset(), r.offset()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    for (LoadDocument d : result.inserted()) {
      tally(tallies, d.partition(), d.fileId()).inserted();
    }
    for (LoadDocument d : result.matched()) {
      tally(tallies, d.partition(), d.fileId()).matched(d.document());
    }
    List<Refusal> refusals = new ArrayList<>(result.refused());
    records.stream().filter(r -> r.refusal() != null).forEach(r -> refusals.add(r.refusal()));
    List<RejectedRow> rejected = new ArrayList<>();
    for (Refusal f : refusals) {
      tally(tallies, f.partition(), f.fileId()).failed();
      rejected.add(toRejectedRow(f, now));
    }
    List<LoadReceipt> receipts = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    ranges.forEach(
        (tp, range) -> {
          Map<String, LoadReceipt.FileLoad> files = new TreeMap<>();
          tallies.getOrDefault(tp, Map.of()).forEach((file, t) -> files.put(file, t.toFileLoad()));
          receipts.add(
              new LoadReceipt(
                  LoadReceipt.SCHEMA, tp.topic(), tp.partition(), range[0], range[1], files, now));
          offsets.put(tp, new OffsetAndMetadata(range[1] + 1));
        });
    return new BatchReceipts(receipts, rejected, offsets);
  }

  private static FileTally tally(
      Map<TopicPartition, Map<String, FileTally>> tallies, TopicPartition tp, String file) {
    return tallies
        .computeIfAbsent(tp, k -> new LinkedHashMap<>())
        .computeIfAbsent(file, k -> new FileTally());
  }

  private static RejectedRow toRejectedRow(Refusal f, Instant now) {
    // The line in the CSV is not known here; the cleaner's rejects carry it, the loader's give 0.
    return new RejectedRow(
        RejectedRow.SCHEMA,
        f.fileId(),
        f.fileName(),
        f.row(),
        0,
        RejectedRow.Stage.LOADER,
        List.of(new RejectedRow.Reason(null, f.rule(), null, f.message())),
        now);
  }

  public long count(java.util.function.ToLongFunction<LoadReceipt.FileLoad> field) {
    return receipts.stream().flatMap(r -> r.files().values().stream()).mapToLong(field).sum();
  }
}
