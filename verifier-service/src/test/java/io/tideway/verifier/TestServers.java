package io.tideway.verifier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.EmbeddedMongo;

/**
 * The real servers a verifier IT runs against: an in-process broker with every topic under one
 * prefix, mongo-java-server, and a driver client of it; closed in reverse order.
 */
record TestServers(EmbeddedKafka kafka, EmbeddedMongo mongo, MongoClient mongoClient)
    implements AutoCloseable {

  static TestServers start(String prefix, int partitions) {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    kafka.createTopics(prefix, partitions);
    EmbeddedMongo mongo = EmbeddedMongo.start();
    return new TestServers(kafka, mongo, MongoClients.create(mongo.uri()));
  }

  @Override
  public void close() {
    mongoClient.close();
    mongo.close();
    kafka.close();
  }
}
