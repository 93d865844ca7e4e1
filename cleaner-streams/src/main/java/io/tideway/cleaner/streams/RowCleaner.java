package io.tideway.cleaner.streams;

import io.tideway.cleaner.mapping.CleanResult;
import io.tideway.cleaner.mapping.MappingEngine;
import io.tideway.contracts.bson.BsonBytes;
import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.RejectedRow.Reason;
import io.tideway.contracts.payload.RowEnvelope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The clean/validate stage: applies the row's mapping (every mapping compiled at start). */
public final class RowCleaner implements ValueMapper<RowEnvelope, CleanOutcome> {

  private static final Logger LOG = LoggerFactory.getLogger(RowCleaner.class);

  private final Map<String, MappingEngine> engines;
  private final MappingCatalog catalog;
  private final String pseudonymizeKey;

  private RowCleaner(
      Map<String, MappingEngine> engines, MappingCatalog catalog, String pseudonymizeKey) {
    this.engines = engines;
    this.catalog = catalog;
    this.pseudonymizeKey = pseudonymizeKey;
  }

  /** Compiles every mapping of the catalog; a mapping that cannot be used fails here, at start. */
  public static RowCleaner compile(MappingCatalog catalog, String pseudonymizeKey) {
    Map<String, MappingEngine> engines = new LinkedHashMap<>();
    for (Mapping m : catalog.all()) {
      engines.put(m.name(), MappingEngine.compile(m, pseudonymizeKey));
    }
    return new RowCleaner(new ConcurrentHashMap<>(engines), catalog, pseudonymizeKey);
  }

  @Override
  public CleanOutcome apply(RowEnvelope row) {
    String name =
        row.mapping() == null || row.mapping().isBlank()
            ? MappingCatalog.DEFAULT_MAPPING
            : row.mapping();
    MappingEngine engine = engine(name);
    if (engine == null) {
      return rejected(
          row,
          name,
          List.of(
              new Reason(
                  null,
                  "mapping",
                  name,
                  "unknown mapping '" + name + "' (known: " + engines.keySet() + ")")));
    }
    CleanResult result;
    try {
      result = engine.clean(row);
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
          name,
          List.of(
              new Reason(
                  null,
                  "cleaner.error",
                  null,
                  "internal error while cleaning: " + e.getClass().getSimpleName())));
    }
    if (result.isRejected()) {
      return rejected(row, name, result.reasons(), result.columns());
    }
    return new CleanOutcome(
        row.fileId(),
        row.fileName(),
        name,
        row.row(),
        row.line(),
        result.documentId(),
        BsonBytes.write(result.document()),
        ContentDigest.hash(result.document()),
        result.warnings(),
        List.of(),
        result.columns());
  }

  /**
   * The engine of a mapping; one that appeared in the mapping directories after start (inferred by
   * ingest for a new kind of file) is compiled on first use. Null when unknown or unusable.
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

  private static CleanOutcome rejected(RowEnvelope row, String mapping, List<Reason> reasons) {
    return rejected(row, mapping, reasons, "");
  }

  private static CleanOutcome rejected(
      RowEnvelope row, String mapping, List<Reason> reasons, String columns) {
    return new CleanOutcome(
        row.fileId(),
        row.fileName(),
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
