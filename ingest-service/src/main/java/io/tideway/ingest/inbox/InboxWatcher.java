package io.tideway.ingest.inbox;

import io.tideway.contracts.log.LogSafe;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds files that are ready in the inbox: a periodic scan (the source of truth, it also catches
 * what a watch service misses on network file systems) woken early by a watch service.
 */
public final class InboxWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWatcher.class);

  private final InboxScanner scanner;
  private final StabilityTracker tracker;
  private final Path inbox;
  private final Duration interval;
  private final Consumer<InboxFile> ready;
  private final Set<Path> watched = new HashSet<>();
  private final Thread thread;
  private volatile boolean running = true;
  private WatchService watchService;

  public InboxWatcher(
      Path inbox,
      String defaultMapping,
      Duration stableFor,
      Duration interval,
      Consumer<InboxFile> ready) {
    this.inbox = inbox;
    this.scanner = new InboxScanner(inbox, defaultMapping);
    this.tracker = new StabilityTracker(stableFor);
    this.interval = interval;
    this.ready = ready;
    this.thread = new Thread(this::run, "ingest-inbox-watcher");
    thread.setDaemon(true);
  }

  public void start() throws IOException {
    watchService = FileSystems.getDefault().newWatchService();
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        scanOnce();
        // A file that is not stable yet is looked at again as soon as it can be.
        long now = System.currentTimeMillis();
        long wait = Math.min(interval.toMillis(), Math.max(1, tracker.nextStableAt(now) - now));
        WatchKey key = watchService.poll(wait, TimeUnit.MILLISECONDS);
        while (key != null) {
          key.pollEvents();
          key.reset();
          key = watchService.poll();
        }
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.warn("inbox scan of {} failed: {}", LogSafe.of(inbox), LogSafe.of(e));
        sleepQuietly();
      }
    }
  }

  /** One scan: watches new folders and hands every stable file to the consumer. */
  void scanOnce() throws IOException {
    register(inbox);
    for (Path dir : scanner.mappingFolders()) {
      register(dir);
    }
    Map<String, InboxFile> files = scanner.scan();
    Map<String, FileState> states = new java.util.HashMap<>();
    files.forEach((k, f) -> states.put(k, f.state()));
    for (String key : tracker.observe(states, System.currentTimeMillis())) {
      ready.accept(files.get(key));
    }
  }

  private void register(Path dir) throws IOException {
    if (watched.add(dir)) {
      try {
        dir.register(
            watchService,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      } catch (IOException e) {
        watched.remove(dir);
        throw e;
      }
    }
  }

  private void sleepQuietly() {
    try {
      TimeUnit.MILLISECONDS.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    thread.interrupt();
    if (watchService != null) {
      watchService.close();
    }
  }
}
