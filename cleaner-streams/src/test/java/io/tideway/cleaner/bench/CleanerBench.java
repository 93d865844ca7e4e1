package io.tideway.cleaner.bench;

import io.tideway.cleaner.CleanerSettings;
import io.tideway.cleaner.streams.CleanerTopology;
import io.tideway.cleaner.support.KafkaIo;
import io.tideway.cleaner.support.Rows;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.RowEnvelope;
import io.tideway.contracts.topics.Topics;
import io.tideway.runtime.kafka.KafkaClientFactory;
import io.tideway.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Throughput of the cleaner topology with exactly-once on the embedded broker: produces N generated
 * rows (1 % duplicates), runs the topology until the clean-stats cover every row, prints JSON.
 * Usage: {@code CleanerBench [rows] [partitions] [threads]} (default 1,000,000 6 2).
 */
public final class CleanerBench {

  private CleanerBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics("bench.", partitions);
      long p0 = System.nanoTime();
      for (int from = 0; from < rows; from += 100_000) {
        List<RowEnvelope> batch = new ArrayList<>();
        for (int i = from; i < Math.min(rows, from + 100_000); i++) {
          batch.add(Rows.generated("bench-" + (i / 55_500), i + 1, i % 100 == 99 ? i - 1 : i));
        }
        KafkaIo.produceRaw(kafka.bootstrapServers(), "bench.", batch);
      }
      double produceSeconds = (System.nanoTime() - p0) / 1e9;

      CleanerSettings settings = new CleanerSettings();
      settings.withTopicPrefix("bench.");
      settings.setApplicationId("cleaner-bench");
      settings.setStreamThreads(threads);
      settings.setStateDir(Files.createTempDirectory("cleaner-bench").toString());
      StreamsBuilder builder = new StreamsBuilder();
      CleanerTopology.build(builder, settings, MappingCatalog.builtIn());
      Properties props =
          CleanerTopology.streamsConfig(
              settings, KafkaClientFactory.fromEnvironment(kafka.bootstrapServers()));
      // -Dstreams.<key>=<value> overrides a Kafka Streams setting, for experiments.
      System.getProperties().stringPropertyNames().stream()
          .filter(k -> k.startsWith("streams."))
          .forEach(k -> props.put(k.substring("streams.".length()), System.getProperty(k)));
      long s0 = System.nanoTime();
      long cpu0 = processCpuNanos();
      long firstStats = -1;
      long streamCpu = 0;
      long cpu = 0;
      Map<String, CleanStats> latest = new HashMap<>();
      try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
          KafkaConsumer<String, CleanStats> c =
              new KafkaConsumer<>(
                  Map.of(
                      ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                      kafka.bootstrapServers(),
                      ConsumerConfig.GROUP_ID_CONFIG,
                      "bench-" + UUID.randomUUID(),
                      ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                      "earliest",
                      ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                      "read_committed"),
                  Topics.CLEAN_STATS.keySerde().deserializer(),
                  Topics.CLEAN_STATS.valueSerde().deserializer())) {
        streams.start();
        c.subscribe(List.of(Topics.CLEAN_STATS.name("bench.")));
        long done = 0;
        while (done < rows) {
          for (var r : c.poll(Duration.ofMillis(200))) {
            latest.put(r.key(), r.value());
            if (firstStats < 0) {
              firstStats = System.nanoTime();
            }
          }
          done =
              latest.values().stream()
                  .mapToLong(s -> s.cleaned() + s.duplicates() + s.rejected())
                  .sum();
        }
        // CPU, not wall clock, is what compares on a shared machine: the stream threads' own
        // seconds, and the whole process's (the in-process broker included).
        streamCpu = streamThreadCpuNanos();
        cpu = processCpuNanos() - cpu0;
        System.err.println("cpu by thread group: " + cpuByThreadGroup());
      }
      double total = (System.nanoTime() - s0) / 1e9;
      double steady = firstStats < 0 ? total : (System.nanoTime() - firstStats) / 1e9;
      long cleaned = latest.values().stream().mapToLong(CleanStats::cleaned).sum();
      long duplicates = latest.values().stream().mapToLong(CleanStats::duplicates).sum();
      System.out.printf(
          java.util.Locale.ROOT,
          "{\"rows\":%d,\"partitions\":%d,\"threads\":%d,\"guarantee\":\"exactly_once_v2\",\"produce_seconds\":%.1f,"
              + "\"clean_seconds\":%.1f,\"rows_per_second\":%.0f,\"seconds_to_first_stats\":%.1f,"
              + "\"cleaned\":%d,\"duplicates\":%d,\"stream_threads_cpu_seconds\":%.1f,"
              + "\"rows_per_stream_cpu_second\":%.0f,\"process_cpu_seconds\":%.1f}%n",
          rows,
          partitions,
          threads,
          produceSeconds,
          total,
          rows / total,
          total - steady,
          cleaned,
          duplicates,
          streamCpu / 1e9,
          rows / (streamCpu / 1e9),
          cpu / 1e9);
    }
  }

  private static long streamThreadCpuNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null && t.getThreadName().contains("StreamThread")) {
        sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  /**
   * CPU seconds of this process's threads grouped by name without digits, from /proc (compiler and
   * GC threads included, which the JVM's thread bean does not list); empty off Linux.
   */
  private static Map<String, Double> cpuByThreadGroup() {
    Map<String, Double> groups = new java.util.TreeMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return groups;
    }
    double tick = 100.0; // USER_HZ on Linux
    for (java.io.File task : tasks) {
      try {
        String stat = Files.readString(task.toPath().resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick;
        groups.merge(name.replaceAll("[0-9]+", "#"), seconds, Double::sum);
      } catch (java.io.IOException | RuntimeException e) {
        // a thread that ended while we read
      }
    }
    groups.values().removeIf(v -> v < 0.2);
    return groups;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
