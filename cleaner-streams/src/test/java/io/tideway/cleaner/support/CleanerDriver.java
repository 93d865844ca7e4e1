package io.tideway.cleaner.support;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.cleaner.streams.CleanerTopology;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RejectedRow;
import io.tideway.contracts.payload.RowEnvelope;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology on a {@link TopologyTestDriver}, with typed access to every output topic.
 */
public final class CleanerDriver implements AutoCloseable {

  public static final String PREFIX = "test.";

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final TestInputTopic<String, RawBlock> raw;
  private final RawFeed feed = new RawFeed();
  public final TestOutputTopic<String, byte[]> cleaned;
  public final TestOutputTopic<String, DuplicateRow> duplicates;
  public final TestOutputTopic<String, RejectedRow> rejected;
  public final TestOutputTopic<String, CleanStats> stats;
  public final TestOutputTopic<String, QualityReport> quality;

  /** What the topology's {@code RowMeter} counted, per outcome. */
  public final Map<String, Long> routed = new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, CleanStats> latest = new HashMap<>();
  private final Map<String, QualityReport> latestQuality = new HashMap<>();

  public CleanerDriver(MappingCatalog catalog, CleanerSettings settings) {
    try {
      stateDir = Files.createTempDirectory("cleaner-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings.withTopicPrefix(PREFIX);
    settings.setStateDir(stateDir.toString());
    StreamsBuilder builder = new StreamsBuilder();
    CleanerTopology.build(
        builder, settings, catalog, outcome -> routed.merge(outcome, 1L, Long::sum));
    Properties props =
        CleanerTopology.streamsConfig(settings, new KafkaClientFactory("unused:9092", Map.of()));
    driver = new TopologyTestDriver(builder.build(), props);
    raw =
        driver.createInputTopic(
            Topics.RAW.name(PREFIX),
            Topics.RAW.keySerde().serializer(),
            Topics.RAW.valueSerde().serializer());
    cleaned =
        driver.createOutputTopic(
            Topics.CLEANED.name(PREFIX),
            Topics.CLEANED.keySerde().deserializer(),
            Topics.CLEANED.valueSerde().deserializer());
    duplicates =
        driver.createOutputTopic(
            Topics.DUPLICATES.name(PREFIX),
            Topics.DUPLICATES.keySerde().deserializer(),
            Topics.DUPLICATES.valueSerde().deserializer());
    rejected =
        driver.createOutputTopic(
            Topics.REJECTED.name(PREFIX),
            Topics.REJECTED.keySerde().deserializer(),
            Topics.REJECTED.valueSerde().deserializer());
    stats =
        driver.createOutputTopic(
            Topics.CLEAN_STATS.name(PREFIX),
            Topics.CLEAN_STATS.keySerde().deserializer(),
            Topics.CLEAN_STATS.valueSerde().deserializer());
    quality =
        driver.createOutputTopic(
            Topics.QUALITY.name(PREFIX),
            Topics.QUALITY.keySerde().deserializer(),
            Topics.QUALITY.valueSerde().deserializer());
  }

  public CleanerDriver() {
    this(MappingCatalog.builtIn(), new CleanerSettings());
  }

  /** Pipes a row as ingest writes it (its file's header record first, once). */
  public void pipe(RowEnvelope row) {
    feed.next(row).forEach(this::pipe);
  }

  /** The same, with the records' timestamp (record time: what the dedup retention counts). */
  public void pipe(RowEnvelope row, java.time.Instant at) {
    feed.next(row).forEach(r -> raw.pipeInput(r.fileId(), RawBlock.of(r), at));
  }

  /** Pipes one raw record as it is, a block of one. */
  public void pipe(RawRow record) {
    pipe(RawBlock.of(record));
  }

  /** Pipes one raw block as it is. */
  public void pipe(RawBlock block) {
    raw.pipeInput(block.fileId(), block);
  }

  /** Pipes raw bytes as they are (e.g. a record of another version). */
  public void pipeBytes(String key, byte[] value) {
    driver
        .createInputTopic(
            Topics.RAW.name(PREFIX),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())
        .pipeInput(key, value);
  }

  public void pipe(List<RowEnvelope> rows) {
    rows.forEach(this::pipe);
  }

  /** Pipes a lifecycle event into the files topic (the rolled-back-files global store reads it). */
  public void pipeFileEvent(io.tideway.contracts.payload.FileEvent event) {
    driver
        .createInputTopic(
            Topics.FILES.name(PREFIX),
            Topics.FILES.keySerde().serializer(),
            Topics.FILES.valueSerde().serializer())
        .pipeInput(event.fileId(), event);
  }

  /** Fires the wall-clock punctuators (stats every 500 ms by default). */
  public void advance(Duration d) {
    driver.advanceWallClockTime(d);
  }

  public List<TestRecord<String, byte[]>> cleanedRecords() {
    return cleaned.readRecordsToList();
  }

  /** The latest clean-stats record per key, after firing the stats punctuator. */
  public Map<String, CleanStats> latestStats() {
    advance(Duration.ofSeconds(1));
    stats.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    return Map.copyOf(latest);
  }

  /** The latest quality record per key, after firing the stats punctuator. */
  public Map<String, QualityReport> latestQuality() {
    advance(Duration.ofSeconds(1));
    quality.readKeyValuesToList().forEach(kv -> latestQuality.put(kv.key, kv.value));
    return Map.copyOf(latestQuality);
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
