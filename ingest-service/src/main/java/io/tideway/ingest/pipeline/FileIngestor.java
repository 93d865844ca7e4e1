package io.tideway.ingest.pipeline;

import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.csv.CsvReader;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.ingest.inbox.ClaimManifest;
import io.tideway.ingest.inbox.ClaimedFile;
import io.tideway.ingest.inbox.FileIds;
import io.tideway.ingest.inbox.IdRegistry;
import io.tideway.ingest.inbox.InboxEntry;
import io.tideway.ingest.inbox.InboxRules;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.kafka.IngestPublisher;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one claimed file: fingerprint and id, then every row in transactions of {@code
 * transactionRows} rows, each committed together with a checkpoint; resumes from the last committed
 * checkpoint after a crash. Kafka errors propagate (the caller recreates the producer and calls
 * again); problems of the file itself fail the file.
 */
public final class FileIngestor {

  private static final Logger LOG = LoggerFactory.getLogger(FileIngestor.class);

  private final WorkDir workDir;
  private final MappingCatalog catalog;
  private final CsvFormat format;
  private final int transactionRows;
  private final int progressEvery;
  // Learnt from Kafka and the archive at each connect (resumeFrom), then kept as files finish.
  private final Map<String, IngestCheckpoint> checkpoints = new ConcurrentHashMap<>();
  private final Set<String> completedIds = ConcurrentHashMap.newKeySet();
  private final IdRegistry ids;
  private final IngestMetrics metrics;
  private final BooleanSupplier stopping;
  private final MappingChooser chooser;

  /** An ingestor that infers no mapping (a header that fits none fails its file). */
  public FileIngestor(
      WorkDir workDir,
      MappingCatalog catalog,
      CsvFormat format,
      int transactionRows,
      int progressEvery,
      IdRegistry ids,
      IngestMetrics metrics,
      BooleanSupplier stopping) {
    this(workDir, catalog, format, transactionRows, progressEvery, ids, metrics, stopping, null);
  }

  /**
   * @param inferredMappings where mappings inferred for files no mapping fits are written; null:
   *     such files fail
   */
  public FileIngestor(
      WorkDir workDir,
      MappingCatalog catalog,
      CsvFormat format,
      int transactionRows,
      int progressEvery,
      IdRegistry ids,
      IngestMetrics metrics,
      BooleanSupplier stopping,
      Path inferredMappings) {
    this.workDir = workDir;
    this.chooser = new MappingChooser(catalog, format, inferredMappings);
    this.catalog = catalog;
    this.format = format;
    this.transactionRows = Math.max(1, transactionRows);
    this.progressEvery = Math.max(1, progressEvery);
    this.ids = ids;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  /**
   * What Kafka holds at start: the committed checkpoints (a file with one resumes after it, a done
   * one is only moved) and the ids already archived (never given to another file).
   */
  public void resumeFrom(Map<String, IngestCheckpoint> committed, Set<String> archivedIds) {
    checkpoints.putAll(committed);
    completedIds.addAll(archivedIds);
  }

  /** Ingests (or resumes) a claimed file and settles its outcome; Kafka errors propagate. */
  public FileOutcome ingest(ClaimedFile claimed, IngestPublisher publisher) throws IOException {
    ClaimedFile file = identify(claimed);
    return settle(file, publisher, run(file, publisher));
  }

  private FileOutcome run(ClaimedFile file, IngestPublisher publisher) throws IOException {
    ClaimManifest m = file.manifest();
    IngestCheckpoint cp = checkpoints.get(m.fileId());
    ResolvedMapping[] resolved = new ResolvedMapping[1];
    // Resolved only for a file that is read: a pinned version may take the mapping wait to arrive.
    Optional<FileOutcome> settled =
        FileOutcome.beforeReading(cp, m.failure(), () -> (resolved[0] = resolve(m)).problem());
    if (settled.isPresent()) {
      return settled.get();
    }
    Mapping mapping = resolved[0].mapping();
    CsvReader reader;
    try {
      InputStream in = open(file.path(), m.bytes());
      if (mapping.dialect().isUtf16()) {
        // The byte-level reader needs ASCII-compatible bytes: UTF-16 is read as UTF-8.
        in = new Utf8Transcoder(in, mapping.dialect().charsetOr(StandardCharsets.UTF_16));
      }
      reader = new CsvReader(in, mapping.dialect().over(format));
    } catch (IOException e) {
      return new FileOutcome.Failed(FileRun.unreadable("cannot read the file", file, e), cp);
    }
    FileRun.Limits limits =
        new FileRun.Limits(
            transactionRows, progressEvery, (char) format.delimiter(), format.charset().name());
    try (reader) {
      return new FileRun(
              file,
              publisher,
              reader,
              cp,
              mapping,
              limits,
              stopping,
              (committed, rows) -> {
                checkpoints.put(committed.fileId(), committed);
                metrics.rowsCommitted(rows);
              })
          .go();
    }
  }

  /** The one place an outcome takes effect: on the work dir, on Kafka and in the metrics. */
  private FileOutcome settle(ClaimedFile file, IngestPublisher publisher, FileOutcome outcome)
      throws IOException {
    if (outcome instanceof FileOutcome.Completed) {
      finish(file, null);
    } else if (outcome instanceof FileOutcome.Failed f) {
      fail(file, publisher, f.committed(), f.reason());
    } else if (outcome instanceof FileOutcome.FailedEarlier f) {
      finish(file, f.reason());
    } else {
      publisher.abortQuietly();
    }
    return outcome;
  }

  /** A claimed file's mapping, or why it cannot be used. */
  private record ResolvedMapping(Mapping mapping, String problem) {}

  private ResolvedMapping resolve(ClaimManifest m) {
    try {
      Mapping mapping = catalog.find(m.mappingRef()).orElse(null);
      if (mapping != null) {
        return new ResolvedMapping(mapping, null);
      }
      return new ResolvedMapping(
          null,
          "unknown mapping '"
              + m.mapping()
              + "' (folder of the file; known: "
              + catalog.all().stream().map(Mapping::name).toList()
              + ")");
    } catch (MappingException e) {
      // The version pinned at claim time did not arrive on the mappings topic in time.
      return new ResolvedMapping(null, e.getMessage());
    }
  }

  /**
   * Fingerprints a freshly claimed file and writes its manifest; a resumed file keeps its id. A
   * claimed link (or pipe, device) is not read at all: its manifest carries the refusal. The check
   * runs here, on the claimed entry, because a link can replace a file between scan and claim.
   */
  private ClaimedFile identify(ClaimedFile file) throws IOException {
    if (file.manifest() != null) {
      return file;
    }
    Optional<String> refusal = InboxEntry.refusal(file.path());
    FileIds.Fingerprint fp =
        refusal.isPresent() ? new FileIds.Fingerprint(null, 0) : FileIds.fingerprint(file.path());
    String mapping = file.mapping();
    String noMapping = null;
    if (refusal.isEmpty() && InboxRules.BY_HEADER.equals(mapping)) {
      MappingChooser.Choice choice;
      try {
        choice = chooser.choose(file.path(), file.fileName());
      } catch (IOException e) {
        choice =
            new MappingChooser.Choice(
                null, false, FileRun.unreadable("cannot read the file", file.fileName(), e));
      }
      if (choice.failure() != null) {
        noMapping = choice.failure();
      } else {
        mapping = choice.mapping();
      }
    }
    String base = FileIds.baseId(mapping, file.fileName(), refusal.orElse(fp.sha256()));
    // Taken: archived ids, any id Kafka already has a checkpoint for (e.g. a FAILED file that is
    // dropped again once its mapping exists): reusing it would skip the file as already done; and
    // any id another replica reserved, maybe an instant ago for a copy of this very file. The
    // first candidate free of all three becomes this file's by the reservation.
    String id =
        FileIds.uniqueId(
            base, c -> completedIds.contains(c) || checkpoints.containsKey(c) || !ids.reserve(c));
    // The version is fixed here, once: a file is cleaned entirely with it, even after a restart
    // or when a new version is applied while it is read.
    int version =
        mapping == null ? 0 : catalog.latest(mapping).map(v -> v.record().version()).orElse(0);
    ClaimManifest m =
        new ClaimManifest(
            id,
            file.fileName(),
            mapping,
            workDir.takeOrigin(file),
            fp.sha256(),
            fp.bytes(),
            refusal.orElse(noMapping),
            version);
    workDir.writeManifest(file, m);
    workDir.dropOrigin(file);
    return file.with(m);
  }

  /**
   * The claimed file's first {@code bytes} bytes (what was fingerprinted), never through a link: a
   * writer still appending cannot slip unfingerprinted rows in.
   */
  private InputStream open(Path path, long bytes) throws IOException {
    InputStream in = new UpTo(Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS), bytes);
    return path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /**
   * Why the claimed file no longer is what was fingerprinted (a writer was still at it when the
   * file looked stable and was claimed), or null when its size is unchanged.
   */
  static String changedSinceClaim(ClaimedFile file) {
    long now;
    try {
      now =
          Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .size();
    } catch (IOException e) {
      return null;
    }
    if (now == file.manifest().bytes()) {
      return null;
    }
    return "the file was still being written: it had "
        + file.manifest().bytes()
        + " bytes when ingest took it and has "
        + now
        + " now. Write files elsewhere (or under a .part/.tmp name) and move them into the inbox when complete, "
        + "or raise stable-for (TIDEWAY_INGEST_STABLE_FOR); then drop the complete file again";
  }

  /** Ends the stream after a fixed number of bytes. */
  private static final class UpTo extends FilterInputStream {
    private long left;

    UpTo(InputStream in, long bytes) {
      super(in);
      this.left = bytes;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(super.available(), left);
    }
  }

  private void fail(ClaimedFile file, IngestPublisher publisher, IngestCheckpoint cp, String reason)
      throws IOException {
    publisher.abortQuietly();
    ClaimManifest m = file.manifest().withFailure(reason);
    ClaimedFile failed = file.with(m);
    workDir.writeManifest(failed, m);
    long rows = cp == null ? 0 : cp.rows();
    publisher.begin();
    if (cp == null) {
      publisher.event(event(m, FileEventType.DISCOVERED, 0, null, null));
    }
    publisher.event(
        new FileEvent(
            FileEvent.SCHEMA,
            FileEventType.FAILED,
            m.fileId(),
            m.fileName(),
            m.mapping(),
            m.source(),
            rows,
            m.bytes(),
            m.sha256(),
            null,
            null,
            reason,
            Instant.now(),
            m.mappingVersion()));
    IngestCheckpoint done =
        new IngestCheckpoint(
            IngestCheckpoint.SCHEMA,
            m.fileId(),
            m.fileName(),
            rows,
            cp == null ? 0 : cp.lines(),
            cp == null ? 0 : cp.byteOffset(),
            true,
            Instant.now());
    publisher.checkpoint(done);
    publisher.commit();
    checkpoints.put(m.fileId(), done);
    LOG.warn("file {} ({}) FAILED: {}", LogSafe.of(m.fileName()), m.fileId(), LogSafe.of(reason));
    finish(failed, reason);
  }

  private void finish(ClaimedFile file, String failure) throws IOException {
    Instant now = Instant.now();
    if (failure != null) {
      Path to = workDir.fail(file, failure, now);
      metrics.fileFailed();
      LOG.info("moved {} to {}", LogSafe.of(file.fileName()), LogSafe.of(to));
      return;
    }
    Path to = workDir.archive(file, now);
    completedIds.add(file.manifest().fileId());
    metrics.fileCompleted();
    LOG.info(
        "archived {} ({}) as {}",
        LogSafe.of(file.fileName()),
        file.manifest().fileId(),
        LogSafe.of(to));
  }

  static FileEvent event(
      ClaimManifest m, FileEventType type, long rows, Double rowsPerS, List<String> header) {
    return new FileEvent(
        FileEvent.SCHEMA,
        type,
        m.fileId(),
        m.fileName(),
        m.mapping(),
        m.source(),
        rows,
        0,
        null,
        header,
        rowsPerS,
        null,
        Instant.now(),
        m.mappingVersion());
  }
}
