package io.tideway.cleaner.streams;

import io.tideway.cleaner.mapping.CleanResult;
import io.tideway.cleaner.mapping.MappingEngine;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingRef;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.payload.RejectedRow.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clean/validate stage: applies a file's mapping (every mapping compiled at start) to its rows,
 * read by position through the file's {@link Bound} header.
 */
public final class RowCleaner {

  private static final Logger LOG = LoggerFactory.getLogger(RowCleaner.class);

  /** Rule of a row whose file's header record was never read (docs/PAYLOADS.md). */
  public static final String RULE_NO_HEADER = "raw.header_missing";

  private final Map<String, MappingEngine> engines;
  private final MappingCatalog catalog;
  private final String pseudonymizeKey;

  private RowCleaner(
      Map<String, MappingEngine> engines, MappingCatalog catalog, String pseudonymizeKey) {
    this.engines = engines;
    this.catalog = catalog;
    this.pseudonymizeKey = pseudonymizeKey;
  }

  /**
   * A file's header bound to its mapping: the engine (null for an unknown mapping) and where each
   * mapped column sits in the file's values.
   */
  public record Bound(
      String fileName, String mapping, MappingEngine engine, int[] positions, String unknown) {}

  /** Compiles every mapping of the catalog; a mapping that cannot be used fails here, at start. */
  public static RowCleaner compile(MappingCatalog catalog, String pseudonymizeKey) {
    Map<String, MappingEngine> engines = new LinkedHashMap<>();
    for (Mapping m : catalog.all()) {
      engines.put(m.name(), MappingEngine.compile(m, pseudonymizeKey));
    }
    return new RowCleaner(new ConcurrentHashMap<>(engines), catalog, pseudonymizeKey);
  }

  /** Binds a header record (or a self-described row of schema 1) to its mapping, once per file. */
  public Bound bind(RawRow header) {
    String base =
        header.mapping() == null || header.mapping().isBlank()
            ? MappingCatalog.DEFAULT_MAPPING
            : header.mapping();
    // The exact version ingest chose for the file: every row of it, on every instance, is cleaned
    // with it, whatever was applied since.
    String name = MappingRef.of(base, header.mappingVersion()).toString();
    MappingEngine engine;
    try {
      engine = engine(name);
    } catch (MappingException e) {
      return new Bound(header.fileName(), name, null, null, e.getMessage());
    }
    if (engine == null) {
      return new Bound(
          header.fileName(),
          name,
          null,
          null,
          "unknown mapping '" + name + "' (known: " + engines.keySet() + ")");
    }
    List<String> columns = header.columns() == null ? List.of() : header.columns();
    return new Bound(header.fileName(), name, engine, engine.positions(columns), null);
  }

  /**
   * A row whose file has no header record here (e.g. the topic's retention deleted it): rejected
   * with how to fix it, never dropped.
   */
  public static CleanOutcome headerMissing(RawRow row, String topic) {
    return rejected(
        row,
        null,
        null,
        List.of(
            new Reason(
                null,
                RULE_NO_HEADER,
                null,
                "file "
                    + row.fileId()
                    + " row "
                    + row.row()
                    + ": no header record of the file was read from "
                    + topic
                    + " (deleted by the topic's retention, or written by a producer that does not"
                    + " send one); replay the file or drop it again")),
        "");
  }

  /** Cleans one row of a bound file. */
  public CleanOutcome clean(RawRow row, Bound file) {
    if (file.engine() == null) {
      return rejected(
          row,
          file.fileName(),
          file.mapping(),
          List.of(new Reason(null, "mapping", file.mapping(), file.unknown())),
          "");
    }
    CleanResult result;
    try {
      result = file.engine().clean(row, file.positions(), file.fileName());
    } catch (RuntimeException e) {
      // A bug must not stop the stream on one row: the row is rejected with the reason, not lost.
      // Exception messages may quote cell values: log the type and where it was thrown only.
      LOG.warn(
          "cleaning failed for file {} row {}: {} at {}",
          row.fileId(),
          row.row(),
          e.getClass().getName(),
          e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
      return rejected(
          row,
          file.fileName(),
          file.mapping(),
          List.of(
              new Reason(
                  null,
                  "cleaner.error",
                  null,
                  "internal error while cleaning: " + e.getClass().getSimpleName())),
          "");
    }
    if (result.isRejected()) {
      return rejected(row, file.fileName(), file.mapping(), result.reasons(), result.columns());
    }
    byte[] bson = result.bson();
    return new CleanOutcome(
        row.fileId(),
        file.fileName(),
        file.mapping(),
        row.row(),
        row.line(),
        result.documentId(),
        bson,
        ContentDigest.hashBson(bson),
        result.warnings(),
        List.of(),
        result.columns());
  }

  /**
   * The engine of a mapping reference ({@code name@N} or a name); one that appeared after start (a
   * version applied or inferred while running) is compiled on first use. Null when unknown or
   * unusable; a {@link MappingException} when a version did not arrive within the mapping wait.
   */
  private MappingEngine engine(String name) {
    MappingEngine engine = engines.get(name);
    if (engine != null || catalog == null) {
      return engine;
    }
    Mapping m = catalog.find(name).orElse(null);
    if (m == null) {
      return null;
    }
    try {
      return engines.computeIfAbsent(name, n -> MappingEngine.compile(m, pseudonymizeKey));
    } catch (RuntimeException e) {
      LOG.warn("mapping {} cannot be used: {}", name, e.getMessage());
      return null;
    }
  }

  private static CleanOutcome rejected(
      RawRow row, String fileName, String mapping, List<Reason> reasons, String columns) {
    return new CleanOutcome(
        row.fileId(),
        fileName,
        mapping,
        row.row(),
        row.line(),
        null,
        null,
        0L,
        List.of(),
        reasons,
        columns);
  }
}
