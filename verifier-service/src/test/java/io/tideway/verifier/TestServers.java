package io.tideway.verifier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;
import java.util.HashMap;
import java.util.Map;

/**
 * The real servers a verifier IT runs against: an in-process broker with every topic under one
 * prefix, mongo-java-server, and a driver client of it; closed in reverse order.
 */
public record TestServers(EmbeddedKafka kafka, EmbeddedMongo mongo, MongoClient mongoClient)
    implements AutoCloseable {

  public static TestServers start(String prefix, int partitions) {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    kafka.createTopics(prefix, partitions);
    EmbeddedMongo mongo = EmbeddedMongo.start();
    return new TestServers(kafka, mongo, MongoClients.create(mongo.uri()));
  }

  /**
   * A verifier on a random port reading these servers under {@code prefix}; {@code extra} settings
   * win.
   */
  public EmbeddedServer verifier(String prefix, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>();
    props.put("micronaut.server.port", -1);
    props.put("tideway.verifier.lag.interval", "300ms");
    props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    props.put("tideway.topic-prefix", prefix);
    props.put("tideway.mongo.uri", mongo.uri());
    props.putAll(extra);
    return ApplicationContext.run(EmbeddedServer.class, props);
  }

  @Override
  public void close() {
    mongoClient.close();
    mongo.close();
    kafka.close();
  }
}
