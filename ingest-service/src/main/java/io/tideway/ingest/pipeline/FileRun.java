package io.tideway.ingest.pipeline;

import io.tideway.contracts.csv.CsvReader;
import io.tideway.contracts.csv.CsvRecord;
import io.tideway.contracts.csv.RowAssembler;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.payload.RawRow;
import io.tideway.ingest.inbox.ClaimManifest;
import io.tideway.ingest.inbox.ClaimedFile;
import io.tideway.ingest.kafka.IngestPublisher;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over a file: header checks, then rows in transactions that each commit a checkpoint.
 * Returns what became of the file; its owner settles that (archive, error folder, FAILED event).
 */
final class FileRun {

  private static final Logger LOG = LoggerFactory.getLogger(FileRun.class);

  /**
   * How a run reads and commits: rows per transaction, a PROGRESS event every {@code progressEvery}
   * rows, the ingest-wide delimiter and charset (for a mapping whose dialect sets none).
   */
  record Limits(int transactionRows, int progressEvery, char delimiter, String charsetName) {}

  /** Told of each committed checkpoint with the rows its transaction held. */
  @FunctionalInterface
  interface CommitListener {
    void committed(IngestCheckpoint checkpoint, int rows);
  }

  private final ClaimedFile file;
  private final ClaimManifest m;
  private final IngestPublisher publisher;
  private final CsvReader reader;
  private final Mapping mapping;
  private final Limits limits;
  private final BooleanSupplier stopping;
  private final CommitListener commits;
  private IngestCheckpoint cp;
  private final long startNanos = System.nanoTime();
  private long rowsThisRun;

  FileRun(
      ClaimedFile file,
      IngestPublisher publisher,
      CsvReader reader,
      IngestCheckpoint cp,
      Mapping mapping,
      Limits limits,
      BooleanSupplier stopping,
      CommitListener commits) {
    this.file = file;
    this.m = file.manifest();
    this.publisher = publisher;
    this.reader = reader;
    this.cp = cp;
    this.mapping = mapping;
    this.limits = limits;
    this.stopping = stopping;
    this.commits = commits;
  }

  FileOutcome go() throws IOException {
    List<String> header;
    try {
      // A preamble above the header (title, account number) is skipped.
      for (int skip = mapping.dialect().headerRowOr1() - 1; skip > 0; skip--) {
        if (reader.next() == null) {
          break;
        }
      }
      CsvRecord first = reader.next();
      if (first != null && first.hasError()) {
        return failed(
            "header unreadable: "
                + first.errorMessage()
                + " (the first line must be the CSV header, in "
                + limits.charsetName()
                + "; is this a CSV file?)");
      }
      header = first == null ? List.of() : first.fields().stream().map(String::strip).toList();
    } catch (IOException e) {
      return failed(unreadable("cannot read the file", file, e));
    }
    List<String> duplicates =
        header.stream().filter(h -> header.indexOf(h) != header.lastIndexOf(h)).distinct().toList();
    if (!duplicates.isEmpty()) {
      // Values are keyed by column name: a repeated name would silently drop a column.
      return failed("header repeats columns " + duplicates);
    }
    if (!header.isEmpty()) {
      String problem =
          headerProblem(mapping, header, (char) mapping.dialect().delimiterOr(limits.delimiter()));
      if (problem != null) {
        return failed(problem);
      }
    }
    if (cp == null) {
      publisher.begin();
      publisher.event(FileIngestor.event(m, FileEventType.DISCOVERED, 0, null, null));
      publisher.event(FileIngestor.event(m, FileEventType.STARTED, 0, null, header));
      // The header travels once, in the STARTED transaction: rows carry values by position only.
      publisher.header(headerRecord(header));
      commit(checkpoint(0, false), 0);
      LOG.info(
          "file {} ({}) STARTED, mapping {}",
          LogSafe.of(m.fileName()),
          m.fileId(),
          LogSafe.of(m.mappingRef()));
    } else {
      try {
        reader.resumeAt(cp.byteOffset(), cp.lines());
      } catch (IOException e) {
        return failed(unreadable("cannot resume the file", file, e));
      }
      // Again, with the first rows of this run: the raw topic may have more partitions now than
      // when the file started, and each one a row can land on needs the header (the cleaner keeps
      // the latest).
      publisher.begin();
      publisher.header(headerRecord(header));
      LOG.info(
          "file {} ({}) resumed after row {} (byte {})",
          LogSafe.of(m.fileName()),
          m.fileId(),
          cp.rows(),
          cp.byteOffset());
    }
    return rows(header);
  }

  /** The file's header record on the raw topic: its columns, name and pinned mapping version. */
  private RawRow headerRecord(List<String> header) {
    return RawRow.header(
        m.fileId(), m.fileName(), m.mapping(), m.mappingVersion(), header, Instant.now());
  }

  private FileOutcome rows(List<String> header) throws IOException {
    RowAssembler assembler = new RowAssembler(header);
    long rows = cp.rows();
    int inTx = 0;
    CsvRecord record;
    while (true) {
      if (stopping.getAsBoolean()) {
        return new FileOutcome.Stopped();
      }
      try {
        record = reader.next();
      } catch (IOException e) {
        return failed(unreadable("cannot read the file after row " + cp.rows(), file, e));
      }
      if (record == null) {
        break;
      }
      RowAssembler.Row row = assembler.assemble(record);
      publisher.begin();
      rows++;
      inTx++;
      rowsThisRun++;
      publisher.row(
          RawRow.row(m.fileId(), rows, record.line(), row.values(), row.error(), Instant.now()));
      if (rows % limits.progressEvery() == 0) {
        publisher.event(FileIngestor.event(m, FileEventType.PROGRESS, rows, rate(), null));
      }
      if (inTx >= limits.transactionRows()) {
        commit(checkpoint(rows, false), inTx);
        inTx = 0;
      }
    }
    String changed = FileIngestor.changedSinceClaim(file);
    if (changed != null) {
      // Checked before COMPLETED: the open transaction (the last rows) is aborted with the failure.
      return failed(changed);
    }
    publisher.begin();
    publisher.event(
        new FileEvent(
            FileEvent.SCHEMA,
            FileEventType.COMPLETED,
            m.fileId(),
            m.fileName(),
            m.mapping(),
            m.source(),
            rows,
            m.bytes(),
            m.sha256(),
            header,
            rate(),
            null,
            Instant.now(),
            m.mappingVersion()));
    commit(checkpoint(rows, true), inTx);
    LOG.info("file {} ({}) COMPLETED: {} rows", LogSafe.of(m.fileName()), m.fileId(), rows);
    return new FileOutcome.Completed(rows);
  }

  /**
   * Why a header cannot be read with a mapping, naming the mapping, the columns and the fix; null
   * when it can.
   */
  static String headerProblem(Mapping mapping, List<String> header, char delimiter) {
    List<String> missing =
        mapping.requiredColumns().stream().filter(c -> !header.contains(c)).toList();
    boolean noneMapped = header.stream().noneMatch(mapping.sourceColumns()::contains);
    // One field that holds another candidate delimiter: the file is split on the wrong one.
    boolean splitsOtherwise =
        header.size() == 1 && header.get(0).chars().anyMatch(c -> ",;\t|".indexOf(c) >= 0);
    if (splitsOtherwise
        && mapping.sourceColumns().size() > 1
        && (noneMapped || !missing.isEmpty())) {
      String shown = delimiter == '\t' ? "tab" : "'" + delimiter + "'";
      return "the header was read as one column ("
          + LogSafe.of(abbreviate(header.get(0)))
          + "): the delimiter is probably not "
          + shown
          + ". Set dialect.delimiter in mapping '"
          + mapping.name()
          + "' (e.g. \";\", tab, \"|\"), or drop the file into the inbox itself to have its"
          + " dialect detected";
    }
    if (noneMapped) {
      return "header has none of the columns of mapping '"
          + mapping.name()
          + "' "
          + mapping.sourceColumns()
          + " (header: "
          + header
          + "). Drop the file into the folder of its own mapping, or into the inbox itself to"
          + " have one chosen or inferred from its header";
    }
    if (!missing.isEmpty()) {
      return "header lacks columns that mapping '"
          + mapping.name()
          + "' marks required: "
          + missing
          + " (header: "
          + header
          + "). Rename the columns in the file, or fix their source names in the mapping (or"
          + " drop required: true if the column may be absent)";
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /**
   * The failure reason for a read error: a file that changed since it was claimed is named as still
   * being written; a broken gzip stream as truncated or corrupt; each with how to fix it.
   */
  static String unreadable(String what, ClaimedFile file, IOException e) {
    String changed = FileIngestor.changedSinceClaim(file);
    if (changed != null) {
      return what + ": " + changed;
    }
    return unreadable(what, file.fileName(), e);
  }

  /** As {@link #unreadable(String, ClaimedFile, IOException)}, for a file not fingerprinted yet. */
  static String unreadable(String what, String fileName, IOException e) {
    String reason = what + ": " + e.getMessage();
    if (fileName.endsWith(".gz") && "Not in GZIP format".equals(e.getMessage())) {
      return reason
          + " (the name ends in .gz but the file is not gzip: rename it to .csv if it is plain CSV, or "
          + "compress it again, and drop it again)";
    }
    if (fileName.endsWith(".gz")
        && (e instanceof java.io.EOFException || e instanceof java.util.zip.ZipException)) {
      return reason
          + " (the gzip data is truncated or corrupt: check it with 'gzip -t', compress the CSV again "
          + "and drop it again)";
    }
    return reason;
  }

  private IngestCheckpoint checkpoint(long rows, boolean done) {
    return new IngestCheckpoint(
        IngestCheckpoint.SCHEMA,
        m.fileId(),
        m.fileName(),
        rows,
        reader.lines(),
        reader.offset(),
        done,
        Instant.now());
  }

  private void commit(IngestCheckpoint next, int rowsInTx) {
    publisher.checkpoint(next);
    publisher.commit();
    cp = next;
    commits.committed(next, rowsInTx);
  }

  /** The file cannot be ingested: FAILED goes after the last committed checkpoint. */
  private FileOutcome failed(String reason) {
    return new FileOutcome.Failed(reason, cp);
  }

  private Double rate() {
    double s = (System.nanoTime() - startNanos) / 1e9;
    return s <= 0 ? null : Math.round(rowsThisRun / s * 10) / 10.0;
  }
}
