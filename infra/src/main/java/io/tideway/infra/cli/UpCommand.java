package io.tideway.infra.cli;

import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.Stack;
import io.tideway.infra.stack.StackSettings;
import io.tideway.infra.stack.StartState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./pipeline up}: the stack, watching the inbox until Ctrl-C. */
@Command(
    name = "up",
    description = {
      "Start the stack and watch the inbox until Ctrl-C.",
      "Input files are never deleted; without --data-dir, files left unfinished are put back into"
          + " the inbox."
    })
final class UpCommand implements Callable<Integer> {

  private static final PrintStream ERR = System.err;

  @Option(
      names = "--inbox",
      paramLabel = "DIR",
      defaultValue = "inbox",
      description =
          "the watched folder; DIR/<mapping>/ selects a mapping (default: ${DEFAULT-VALUE})")
  Path inbox;

  @Mixin StackOptions stack;
  @Mixin PartitionsOption partitions;

  @Override
  public Integer call() throws Exception {
    int replicas = stack.replicas();
    Path watched = inbox.toAbsolutePath();
    Layout layout = Pipeline.layout();
    Layout stackLayout = stack.stackLayout(layout);
    StackSettings settings =
        StackSettings.fromEnvironment(watched, partitions.partitions).withReplicas(replicas);
    MappingCommands.preflight(stackLayout, settings);
    LauncherPid.claim(layout, "up");
    StartState.prepare(stackLayout, settings);
    Stack running = new Stack(stackLayout, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ERR.println("stopping Tideway...");
                  running.close();
                  stopped.countDown();
                },
                "pipeline-shutdown"));
    running.start();
    printUrls(running, ERR);
    ERR.printf("Tideway is up. Drop CSV files into %s (or %s/<mapping>/).%n", watched, watched);
    ERR.printf(
        "Dashboard: %s   Kafka: %s   MongoDB: %s   Ctrl-C stops.%n",
        running.settings().verifierUrl(),
        running.settings().bootstrapServers(),
        running.settings().mongoUri());
    stopped.await();
    return 0;
  }

  /** One line per process with its URL, as {@code up} and {@code run} print at start. */
  static void printUrls(Stack stack, PrintStream err) {
    for (String url : stack.urls()) {
      err.println("  " + url);
    }
  }
}
