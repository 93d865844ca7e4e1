package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.ServiceInstance;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code up} and {@code run} share: where state lives and how many of each process. */
final class StackOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "keep ALL state there (MongoDB, Kafka logs, cleaner state, ingest work dir) and resume it;"
              + " without it MongoDB is in memory and starts empty")
  Path dataDir;

  @Option(
      names = "--replicas",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "processes each of ingest, cleaner and loader, and an active + a standby verifier when"
              + " above 1; replica i listens 100*i above replica 0's port (1..9, default: 1)")
  int replicas;

  /** {@code --replicas}, refused outside 1..9 with the reason. */
  int replicas() {
    if (replicas < 1 || replicas > ServiceInstance.MAX_REPLICAS) {
      throw new UsageException(
          "--replicas must be between 1 and " + ServiceInstance.MAX_REPLICAS + ", got " + replicas);
    }
    return replicas;
  }

  /** The launcher's layout with {@code --data-dir} applied. */
  Layout stackLayout(Layout layout) {
    return layout.withDataDir(dataDir == null ? null : dataDir.toAbsolutePath());
  }
}
