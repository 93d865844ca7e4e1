package io.tideway.testkit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-memory MongoDB-wire-compatible server ({@code mongo-java-server}) on an ephemeral port,
 * which the real MongoDB driver talks to over TCP. No transactions, no change streams.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server;
  private final InetSocketAddress address;

  private EmbeddedMongo(MongoServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  public static EmbeddedMongo start() {
    return start(new MemoryBackend());
  }

  /** The same server in front of {@code backend}. */
  public static EmbeddedMongo start(MongoBackend backend) {
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    return new EmbeddedMongo(server, server.getLocalAddress());
  }

  /** A connection string for the MongoDB driver. */
  public String uri() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    // shutdown() can hang while a worker is busy; shutdownNow() does not.
    server.shutdownNow();
  }
}
