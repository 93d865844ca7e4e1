package io.tideway.contracts.topics;

import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.DuplicateRow;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.IngestCheckpoint;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.contracts.payload.MappingVersion;
import io.tideway.contracts.payload.QualityReport;
import io.tideway.contracts.payload.RawBlock;
import io.tideway.contracts.payload.RawBlockSerde;
import io.tideway.contracts.payload.RejectedRow;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The catalogue of every Tideway topic. Search for a constant here to find who produces and who
 * consumes a topic.
 */
public final class Topics {

  /** Default prefix of every topic name; override with {@code TIDEWAY_TOPIC_PREFIX}. */
  public static final String DEFAULT_PREFIX = "tideway.";

  /**
   * A file's header record, then its rows in blocks per partition, values untouched in column order
   * ({@code RawBlock}: headers schema 2, blocks of rows schema 3, binary), key = file id. Produced
   * by ingest, consumed by cleaner. Schema 1 ({@code RowEnvelope}, JSON with column names per row)
   * and single schema 2 rows are still read.
   */
  public static final Topic<RawBlock> RAW =
      new Topic<>("raw", RawBlock.class, Serdes.String(), new RawBlockSerde());

  /** File lifecycle events, key = file id. Produced by ingest, consumed by verifier. */
  public static final Topic<FileEvent> FILES = Topic.json("files", FileEvent.class);

  /**
   * Cleaned documents as raw BSON, exactly what MongoDB stores ({@code BsonBytes}, schema 2), key =
   * document {@code _id}. Produced by cleaner, consumed by loader and by the MongoDB Kafka
   * Connector sink ({@code ByteArrayConverter}). Schema 1 carried canonical Extended JSON text.
   */
  public static final Topic<byte[]> CLEANED = Topic.bytes("cleaned");

  /**
   * Rows that cannot be represented, with every reason; key = file id (ingest, loader) or document
   * id (cleaner, after its repartition). Produced by ingest/cleaner/loader, read back per file by
   * the verifier's {@code GET /api/files/{id}/rejects}.
   */
  public static final Topic<RejectedRow> REJECTED = Topic.json("rejected", RejectedRow.class);

  /** Rows dropped as duplicates, key = document id. Produced by cleaner. */
  public static final Topic<DuplicateRow> DUPLICATES = Topic.json("duplicates", DuplicateRow.class);

  /**
   * Per-file, per-cleaner-partition counters and digest, key = file id + partition. Produced by
   * cleaner.
   */
  public static final Topic<CleanStats> CLEAN_STATS = Topic.json("clean-stats", CleanStats.class);

  /**
   * Per-file, per-cleaner-partition data-quality report (compacted), key = file id + partition.
   * Produced by cleaner, consumed by verifier (served as JSON, Markdown and HTML).
   */
  public static final Topic<QualityReport> QUALITY = Topic.json("quality", QualityReport.class);

  /**
   * One receipt per acknowledged loader batch, key = partition + offset range. Produced by loader.
   */
  public static final Topic<LoadReceipt> LOAD_RECEIPTS =
      Topic.json("load-receipts", LoadReceipt.class);

  /** Per-file status and counts on every change, key = file id. Produced by verifier. */
  public static final Topic<IntegrityEvent> INTEGRITY =
      Topic.json("integrity", IntegrityEvent.class);

  /** Alerts opening and resolving, key = alert id. Produced by verifier. */
  public static final Topic<Alert> ALERTS = Topic.json("alerts", Alert.class);

  /**
   * Ingest progress per file (compacted), key = file id, written in the rows' transaction. Produced
   * and consumed by ingest only.
   */
  public static final Topic<IngestCheckpoint> INGEST_CHECKPOINTS =
      Topic.json("ingest-checkpoints", IngestCheckpoint.class);

  /**
   * Never written: the verifier instances join one consumer group on it, and the one assigned its
   * partition 0 is the active verifier (the others stand by). See {@code ActiveLease}.
   */
  public static final Topic<String> VERIFIER_LEASE = Topic.text("verifier-lease");

  /**
   * Every version of every mapping (compacted), key = {@code name@version}, so compaction keeps all
   * versions. Produced by ingest (built-in, mapping-dir and inferred mappings at start or first
   * use) and by {@code ./pipeline mapping apply}; consumed from the beginning by every service
   * through the runtime's {@code MappingFeed}, which serves the latest and any given version.
   */
  public static final Topic<MappingVersion> MAPPINGS = Topic.json("mappings", MappingVersion.class);

  /** Every topic, for creating them at start. */
  public static final List<Topic<?>> ALL =
      List.of(
          RAW,
          FILES,
          CLEANED,
          REJECTED,
          DUPLICATES,
          CLEAN_STATS,
          QUALITY,
          LOAD_RECEIPTS,
          INTEGRITY,
          ALERTS,
          INGEST_CHECKPOINTS,
          VERIFIER_LEASE,
          MAPPINGS);

  /** Topics whose latest record per key is the state (log compaction instead of deletion). */
  public static final List<Topic<?>> COMPACTED =
      List.of(INGEST_CHECKPOINTS, CLEAN_STATS, QUALITY, MAPPINGS);

  private Topics() {}
}
