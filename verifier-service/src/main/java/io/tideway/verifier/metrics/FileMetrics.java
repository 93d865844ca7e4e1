package io.tideway.verifier.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Per-file gauges on {@code /prometheus}: the counts of both sides, the status and the progress of
 * the newest files. Bounded to {@code maxFiles} so that a long-running verifier does not grow
 * Prometheus' series without end; older files drop out of the metrics, not out of the API.
 *
 * <p>Each series is registered once and reads its file's latest event through a holder: removing
 * and re-adding a series with the same labels on every update raced with concurrent scrapes, which
 * then saw both copies and failed with a {@code DuplicateLabelsException} (HTTP 500).
 */
public final class FileMetrics {

  /** The counts exported per file, as the {@code count} tag, with where each comes from. */
  private record Count(String name, ToDoubleFunction<IntegrityEvent> value) {}

  private static final List<Count> COUNTS =
      List.of(
          new Count("rows_read", IntegrityEvent::rowsRead),
          new Count("cleaned", IntegrityEvent::cleaned),
          new Count("duplicates", IntegrityEvent::duplicates),
          new Count("rejected", IntegrityEvent::rejected),
          new Count("inserted", IntegrityEvent::inserted),
          new Count("matched", IntegrityEvent::matched),
          new Count("failed", IntegrityEvent::failed),
          // NaN while no MongoDB check has answered: unknown is not 0.
          new Count(
              "in_mongo", f -> f.documentsInMongo() == null ? Double.NaN : f.documentsInMongo()),
          new Count("nonconforming", IntegrityEvent::documentsNonconforming));

  private final MultiGauge documents;
  private final MultiGauge status;
  private final MultiGauge progress;
  private final int maxFiles;

  /** The latest event of each exported file; the registered gauges read through these holders. */
  private Map<String, AtomicReference<IntegrityEvent>> latest = new HashMap<>();

  public FileMetrics(MeterRegistry registry, int maxFiles) {
    this.maxFiles = maxFiles;
    documents =
        MultiGauge.builder("tideway.verifier.file.documents")
            .description("Per-file counts of both pipeline sides and of MongoDB (tag count)")
            .register(registry);
    status =
        MultiGauge.builder("tideway.verifier.file.status")
            .description("1 for the file's current verifier status, 0 for the others (tag status)")
            .register(registry);
    progress =
        MultiGauge.builder("tideway.verifier.file.progress")
            .description(
                "Share of the file's rows read so far that are accounted for downstream, 0 to 1")
            .register(registry);
  }

  /**
   * Points the per-file series at {@code files} (newest first), keeping the newest {@code
   * maxFiles}.
   */
  public synchronized void update(List<IntegrityEvent> files) {
    List<MultiGauge.Row<?>> docRows = new ArrayList<>();
    List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
    List<MultiGauge.Row<?>> progressRows = new ArrayList<>();
    Map<String, AtomicReference<IntegrityEvent>> kept = new HashMap<>();
    for (IntegrityEvent f : files.subList(0, Math.min(maxFiles, files.size()))) {
      AtomicReference<IntegrityEvent> holder =
          latest.getOrDefault(f.fileId(), new AtomicReference<>());
      holder.set(f);
      kept.put(f.fileId(), holder);
      Tags file =
          Tags.of("file_id", f.fileId(), "file_name", f.fileName() == null ? "" : f.fileName());
      for (Count c : COUNTS) {
        docRows.add(
            MultiGauge.Row.of(
                file.and("count", c.name()), holder, h -> c.value().applyAsDouble(h.get())));
      }
      // One series per status (1 for the current one, else 0), so that a status change, even back
      // to an earlier status, never removes and re-adds a series.
      for (FileStatus s : FileStatus.values()) {
        statusRows.add(
            MultiGauge.Row.of(
                file.and("status", s.name()), holder, h -> h.get().status() == s ? 1 : 0));
      }
      progressRows.add(MultiGauge.Row.of(file, holder, h -> progress(h.get())));
    }
    latest = kept;
    // overwrite=false: series already registered stay as they are (their holder has the new
    // values),
    // new ones are added and those no longer listed are removed.
    documents.register(docRows, false);
    status.register(statusRows, false);
    progress.register(progressRows, false);
  }

  /**
   * Rows accounted for by the cleaner and loader over rows read, as the dashboard's progress bar.
   */
  static double progress(IntegrityEvent f) {
    if (f.rowsRead() <= 0) {
      return 0;
    }
    long accounted = f.inserted() + f.matched() + f.failed() + f.duplicates() + f.rejected();
    return Math.min(1.0, (double) accounted / f.rowsRead());
  }
}
