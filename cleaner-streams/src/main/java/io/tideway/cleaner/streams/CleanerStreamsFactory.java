package io.tideway.cleaner.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.tideway.cleaner.CleanerSettings;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.runtime.kafka.KafkaClientFactory;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.kstream.KStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micronaut wiring: the mapping catalog and the cleaner topology on micronaut-kafka-streams'
 * builder.
 */
@Factory
public class CleanerStreamsFactory {

  private static final Logger LOG = LoggerFactory.getLogger(CleanerStreamsFactory.class);

  /** micronaut-kafka-streams' key for the stream threads' uncaught-exception response. */
  static final String UNCAUGHT_EXCEPTION_HANDLER = "uncaught-exception-handler";

  /** The cleaner topology; micronaut-kafka-streams starts and closes the KafkaStreams around it. */
  @Singleton
  KStream<String, RawBlock> cleanerStream(
      ConfiguredStreamBuilder builder,
      CleanerSettings settings,
      MappingCatalog catalog,
      KafkaClientFactory kafka,
      Optional<MeterRegistry> meters) {
    builder.getConfiguration().putAll(CleanerTopology.streamsConfig(settings, kafka));
    // A stream thread that dies replaces itself instead of shutting the client down: after a broker
    // kill, a commit can fail with InvalidTxnStateException. Kafka Streams' default then left the
    // cleaner alive but idle for good (ChaosIT, broker killed at 28 % cleaned). The new thread's
    // tasks resume from the committed offsets, so exactly-once holds.
    builder.getConfiguration().put(UNCAUGHT_EXCEPTION_HANDLER, "REPLACE_THREAD");
    LOG.info("cleaner topology: {}", settings);
    return CleanerTopology.build(
        builder,
        settings,
        catalog,
        meters.map(CleanerStreamsFactory::rowMeter).orElse(RowMeter.NONE));
  }

  /** {@code tideway_cleaner_rows_total{outcome}}, one counter per outcome, looked up once. */
  private static RowMeter rowMeter(MeterRegistry registry) {
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    return outcome ->
        counters
            .computeIfAbsent(
                outcome,
                o ->
                    Counter.builder("tideway.cleaner.rows")
                        .description(
                            "Rows routed by the cleaner per outcome (cleaned, duplicates, rejected)")
                        .tag("outcome", o)
                        .register(registry))
            .increment();
  }
}
