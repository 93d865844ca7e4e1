package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded store as the library opens it by default (the MVStore commits in the background
 * about once a second), for comparing the cost and the losses against {@link MongoServerMain}.
 */
public final class LibraryDefaultStoreMain {

  private LibraryDefaultStoreMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    Path dataDir = Path.of(args[3]);
    Files.createDirectories(dataDir);
    H2Backend backend = new H2Backend(dataDir.resolve("tideway.mv").toString());
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    new CountDownLatch(1).await();
  }
}
