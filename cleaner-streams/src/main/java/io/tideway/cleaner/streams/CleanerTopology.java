package io.tideway.cleaner.streams;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.topics.Topic;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The cleaner topology, built in one place for the service and for tests: raw -> {@link
 * CleanProcessor} (header per file, clean/validate, route by document {@code _id}, or file/row for
 * rejects, in blocks per dedup partition) -> repartition -> {@link DedupProcessor} -> one {@link
 * Verdict} per row, routed by kind to cleaned | duplicates | rejected, and counted by {@link
 * CountersProcessor} -> clean-stats | quality.
 */
public final class CleanerTopology {

  /** Name of the internal repartition topic (prefixed by Kafka Streams with the application id). */
  public static final String REPARTITION = "by-document-id";

  /** Name of the dedup processor node. */
  public static final String DEDUPLICATOR = "Deduplicator";

  private CleanerTopology() {}

  /** Adds the topology to {@code builder} and returns the raw input stream. */
  public static KStream<String, RawBlock> build(
      StreamsBuilder builder, CleanerSettings settings, MappingCatalog catalog) {
    return build(builder, settings, catalog, RowMeter.NONE);
  }

  /** The same, counting routed rows per outcome on {@code meter}. */
  public static KStream<String, RawBlock> build(
      StreamsBuilder builder, CleanerSettings settings, MappingCatalog catalog, RowMeter meter) {
    RowCleaner cleaner = RowCleaner.compile(catalog, settings.getPseudonymizeKey());
    OutcomeRouting routing = new OutcomeRouting();
    String prefix = settings.getTopicPrefix();

    builder.addStateStore(CleanProcessor.storeBuilder());
    builder.addStateStore(DedupProcessor.storeBuilder(settings.getDedupRetention()));
    builder.addStateStore(DedupProcessor.legacyStoreBuilder());
    builder.addStateStore(CountersProcessor.countersStoreBuilder());
    builder.addStateStore(CountersProcessor.pendingStoreBuilder());

    builder.addGlobalStore(
        RolledBackFiles.storeBuilder(),
        Topics.FILES.name(prefix),
        Consumed.with(Topics.FILES.keySerde(), Topics.FILES.valueSerde()).withName("files"),
        RolledBackFiles.Tracker::new);

    KStream<String, RawBlock> raw =
        builder.stream(
            Topics.RAW.name(prefix),
            Consumed.with(Topics.RAW.keySerde(), Topics.RAW.valueSerde()).withName("raw"));
    KStream<String, Verdict> verdicts =
        raw.process(
                () ->
                    new CleanProcessor(
                        cleaner,
                        routing,
                        settings.getDedupRetention(),
                        settings.getPurgeInterval()),
                Named.as("RowCleaner"),
                CleanProcessor.HEADERS_STORE)
            // The dedup must see every row with the same _id on one partition.
            .repartition(
                Repartitioned.<String, OutcomeBlock>as(REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new OutcomeBlockSerde())
                    .withStreamPartitioner(routing))
            .process(
                () -> new DedupProcessor(settings.getDedupRetention()),
                Named.as(DEDUPLICATOR),
                DedupProcessor.SEEN_STORE,
                DedupProcessor.LEGACY_SEEN_STORE);

    BranchedKStream<String, Verdict> byKind = verdicts.split(Named.as("verdict-"));
    route(
        byKind,
        Verdict.Cleaned.class,
        Verdict.Cleaned::document,
        Topics.CLEANED,
        "cleaned",
        prefix,
        meter);
    route(
        byKind,
        Verdict.Duplicate.class,
        Verdict.Duplicate::payload,
        Topics.DUPLICATES,
        "duplicates",
        prefix,
        meter);
    route(
        byKind,
        Verdict.Rejected.class,
        Verdict.Rejected::payload,
        Topics.REJECTED,
        "rejected",
        prefix,
        meter);
    byKind.noDefaultBranch();

    KStream<String, Published> published =
        verdicts.process(
            () ->
                new CountersProcessor(
                    settings.getDedupRetention(),
                    settings.getStatsInterval(),
                    settings.getPurgeInterval(),
                    qualityColumns(catalog)),
            Named.as("Counters"),
            CountersProcessor.COUNTERS_STORE,
            CountersProcessor.PENDING_STORE);
    published
        .mapValues(Published::stats, Named.as("as-stats"))
        .to(Topics.CLEAN_STATS.name(prefix), produced(Topics.CLEAN_STATS, "to-clean-stats"));
    published
        .mapValues(Published::quality, Named.as("as-quality"))
        .to(Topics.QUALITY.name(prefix), produced(Topics.QUALITY, "to-quality"));
    return raw;
  }

  /**
   * Per mapping, its columns in order (source, target, type) with zero counts: names the quality
   * report.
   */
  static Map<String, List<QualityReport.ColumnQuality>> qualityColumns(MappingCatalog catalog) {
    // A map that also answers for mappings added after start (inferred by ingest).
    Map<String, List<QualityReport.ColumnQuality>> known =
        new java.util.concurrent.ConcurrentHashMap<>();
    return new java.util.AbstractMap<>() {
      @Override
      public List<QualityReport.ColumnQuality> get(Object name) {
        if (!(name instanceof String n)) {
          return null;
        }
        return known.computeIfAbsent(
            n, k -> catalog.find(k).map(CleanerTopology::columnsOf).orElse(null));
      }

      @Override
      public List<QualityReport.ColumnQuality> getOrDefault(
          Object name, List<QualityReport.ColumnQuality> fallback) {
        List<QualityReport.ColumnQuality> v = get(name);
        return v == null ? fallback : v;
      }

      @Override
      public java.util.Set<Map.Entry<String, List<QualityReport.ColumnQuality>>> entrySet() {
        Map<String, List<QualityReport.ColumnQuality>> all = new HashMap<>();
        for (Mapping m : catalog.all()) {
          all.put(m.name(), columnsOf(m));
        }
        return all.entrySet();
      }
    };
  }

  private static List<QualityReport.ColumnQuality> columnsOf(Mapping m) {
    return m.columns().stream()
        .map(
            c ->
                new QualityReport.ColumnQuality(
                    c.source(), c.target(), c.type().name().toLowerCase(Locale.ROOT), 0, 0, 0))
        .toList();
  }

  /**
   * The Kafka Streams settings the cleaner relies on (exactly-once v2, state dir, internal topic
   * replication), with the brokers and TLS/SASL settings from {@code kafka}, the one place every
   * Kafka client of a service gets them.
   */
  public static Properties streamsConfig(CleanerSettings settings, KafkaClientFactory kafka) {
    Properties p = new Properties();
    p.putAll(kafka.config(Map.of()));
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.getApplicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, settings.getStateDir());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.getReplicationFactor());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.getCommitInterval().toMillis());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.getStreamThreads());
    // Root cause (docs/BENCHMARKS.md, "OUT_OF_ORDER_SEQUENCE"): a broker that holds no sequence for
    // a producer epoch on a partition accepts any first sequence. Transactions v2 bump the epoch at
    // every commit, so each transaction starts in that state on every partition it writes; its
    // first batch meets CONCURRENT_TRANSACTIONS while the previous commit's markers are written,
    // the next in-flight batch is appended instead, and every retry of the first one is then
    // refused with OUT_OF_ORDER_SEQUENCE_NUMBER: the transaction aborts, the tasks are closed dirty
    // and reprocessed (nothing is lost, much is redone). Kafka 4.5's fix (KAFKA-15591) covers
    // never-written partitions only, and no client release here (4.3.1, 4.4.0) avoids it. One
    // request in flight per connection makes the overtaking impossible.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    // The first send of each transaction meets CONCURRENT_TRANSACTIONS while the previous commit's
    // markers are written; the default 100 ms back-off then stalls every commit. Retry sooner.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
    // Batches of 256 KB instead of 16 KB: with one request in flight, every request carries more
    // rows; 1,000,000 rows in CleanerBench, two rounds: 20,876/20,941 -> 26,491/25,379 rows/s,
    // the broker's request handlers 16.5 -> 7.4/8.3 CPU s (docs/BENCHMARKS.md).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    // Records buffered per input partition: 32 instead of 1,000. A raw record is a block of up to
    // 500 rows (up to 256 K characters), so the default would let a cleaner that falls behind a
    // large file hold hundreds of megabytes of blocks; 32 keeps its memory flat in the file's size.
    // CleanerBench, 1,000,000 rows: 35,187 (8) and 35,276 (32) rows/s, 34,472-35,395 at 1,000.
    p.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 32);
    // Every node has explicit serdes; these defaults only keep Kafka Streams from complaining.
    p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    return p;
  }

  /** Sends the verdicts of one kind, as their topic's payload, to that topic. */
  private static <T extends Verdict, V> void route(
      BranchedKStream<String, Verdict> byKind,
      Class<T> kind,
      Function<T, V> payload,
      Topic<V> topic,
      String name,
      String prefix,
      RowMeter meter) {
    byKind.branch(
        (k, v) -> kind.isInstance(v),
        Branched.withConsumer(
            s ->
                s.mapValues(
                        v -> {
                          meter.routed(name);
                          return payload.apply(kind.cast(v));
                        },
                        Named.as("as-" + name))
                    .to(topic.name(prefix), produced(topic, "to-" + topic.suffix())),
            name));
  }

  private static <V> Produced<String, V> produced(Topic<V> topic, String name) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName(name);
  }
}
