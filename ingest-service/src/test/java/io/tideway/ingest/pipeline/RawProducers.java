package io.tideway.ingest.pipeline;

import io.tideway.contracts.topics.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Mock producers that know the raw topic's partitions, as ingest asks for them. */
final class RawProducers {

  /** Partitions of the raw topic the mock producers report. */
  static final int PARTITIONS = 3;

  private RawProducers() {}

  /** An auto-completing mock producer whose cluster holds {@code prefix}'s raw topic. */
  static MockProducer<String, byte[]> mock(String prefix) {
    Node node = new Node(0, "localhost", 9092);
    String raw = Topics.RAW.name(prefix);
    List<PartitionInfo> partitions =
        IntStream.range(0, PARTITIONS)
            .mapToObj(p -> new PartitionInfo(raw, p, node, new Node[] {node}, new Node[] {node}))
            .toList();
    Cluster cluster = new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
    // No partitioner: ingest names the raw partition of every record; other topics get none.
    return new MockProducer<>(
        cluster, true, null, new StringSerializer(), new ByteArraySerializer());
  }
}
