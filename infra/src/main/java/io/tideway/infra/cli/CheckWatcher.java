package io.tideway.infra.cli;

import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.quality.QualityReports;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one file of a check on the topics (read_committed, every partition from the beginning):
 * its lifecycle on {@code files}, the latest clean-stats and quality record per partition.
 */
final class CheckWatcher implements AutoCloseable {

  /** How the wait ended. */
  enum Outcome {
    ACCOUNTED,
    FAILED,
    TIMEOUT
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final String filesTopic;
  private final String statsTopic;
  private final String qualityTopic;
  private final String fileName;
  private final Map<String, CleanStats> stats = new HashMap<>();
  private final Map<String, QualityReport> quality = new HashMap<>();
  private String fileId;
  private String mapping;
  private long rowsRead = -1;
  private long rowsSoFar;
  private String reason;

  CheckWatcher(String bootstrap, String prefix, String fileName) {
    this.fileName = fileName;
    this.filesTopic = Topics.FILES.name(prefix);
    this.statsTopic = Topics.CLEAN_STATS.name(prefix);
    this.qualityTopic = Topics.QUALITY.name(prefix);
    consumer =
        KafkaClientFactory.fromEnvironment(bootstrap)
            .consumer(
                Map.of(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (String t : List.of(filesTopic, statsTopic, qualityTopic)) {
      for (PartitionInfo p : consumer.partitionsFor(t, Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(t, p.partition()));
      }
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /**
   * Polls until the file is COMPLETED and every row is in both the clean-stats and the quality
   * sums.
   */
  Outcome await(Duration timeout, PrintStream err) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextPrint = 0;
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        accept(r);
      }
      if (reason != null && rowsRead < 0) {
        return Outcome.FAILED;
      }
      boolean done = rowsRead >= 0 && totals().accounted() == rowsRead && qualityRows() == rowsRead;
      if (done || System.nanoTime() >= nextPrint) {
        err.printf(
            "check: %s: %s, %,d rows read, %,d cleaned/duplicate/rejected, %,d in the quality report%n",
            fileName,
            fileId == null ? "waiting for ingest" : rowsRead >= 0 ? "ingested" : "ingesting",
            rowsRead >= 0 ? rowsRead : rowsSoFar,
            totals().accounted(),
            qualityRows());
        nextPrint = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      }
      if (done) {
        return Outcome.ACCOUNTED;
      }
    }
    reason =
        rowsRead < 0
            ? "ingest did not complete the file"
            : "the cleaner accounted for " + totals().accounted() + " of " + rowsRead + " rows";
    return Outcome.TIMEOUT;
  }

  private void accept(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return;
    }
    if (r.topic().equals(filesTopic)) {
      FileEvent e = Topics.FILES.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (fileId == null && fileName.equals(e.fileName())) {
        fileId = e.fileId();
      }
      if (e.fileId() == null || !e.fileId().equals(fileId)) {
        return;
      }
      if (e.mapping() != null) {
        mapping = e.mapping();
      }
      switch (e.type()) {
        case COMPLETED -> rowsRead = e.rows();
        case FAILED -> reason = e.reason() == null ? "no reason given" : e.reason();
        default -> rowsSoFar = Math.max(rowsSoFar, e.rows());
      }
    } else if (r.topic().equals(statsTopic)) {
      CleanStats s =
          Topics.CLEAN_STATS.valueSerde().deserializer().deserialize(r.topic(), r.value());
      stats.put(r.key(), s);
    } else if (r.topic().equals(qualityTopic)) {
      QualityReport q =
          Topics.QUALITY.valueSerde().deserializer().deserialize(r.topic(), r.value());
      quality.put(r.key(), q);
    }
  }

  CheckCommand.CleanTotals totals() {
    long cleaned = 0;
    long duplicates = 0;
    long rejected = 0;
    for (CleanStats s : stats.values()) {
      if (s.fileId().equals(fileId)) {
        cleaned += s.cleaned();
        duplicates += s.duplicates();
        rejected += s.rejected();
      }
    }
    return new CheckCommand.CleanTotals(cleaned, duplicates, rejected);
  }

  private long qualityRows() {
    return quality.values().stream()
        .filter(q -> q.fileId().equals(fileId))
        .mapToLong(QualityReport::rows)
        .sum();
  }

  /** The file's merged quality report, null before the cleaner reported. */
  QualityReport quality() {
    return QualityReports.merge(
        quality.values().stream().filter(q -> q.fileId().equals(fileId)).toList());
  }

  String mapping() {
    return mapping;
  }

  long rowsRead() {
    return Math.max(rowsRead, 0);
  }

  String reason() {
    return reason;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
