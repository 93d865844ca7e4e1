package io.tideway.ingest.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.tideway.contracts.csv.CsvFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the ingest service, under {@code tideway.ingest}. */
@ConfigurationProperties(IngestConfig.PREFIX)
public class IngestConfig {

  /** The property prefix. */
  public static final String PREFIX = "tideway.ingest";

  @NotBlank private String inbox = "./inbox";
  @NotBlank private String workDir = "./.tideway/ingest";
  @NotNull private Duration scanInterval = Duration.ofSeconds(1);
  @NotNull private Duration stableFor = Duration.ofMillis(500);
  @Positive private int transactionRows = 5000;
  @Positive private int progressEvery = 10_000;
  @NotBlank private String instanceId = "ingest-0";
  @NotNull private String idsDir = "";
  @NotNull private String inferredMappingsDir = "";
  @NotBlank private String delimiter = ",";
  @NotBlank private String quote = "\"";
  @NotBlank private String charset = "UTF-8";
  @Positive private int maxRecordBytes = CsvFormat.DEFAULT_MAX_RECORD_BYTES;
  @NotNull private Duration kafkaTimeout = Duration.ofSeconds(60);

  /** The watched folder (env TIDEWAY_INBOX); {@code <inbox>/<mapping>/} selects a mapping. */
  public String getInbox() {
    return inbox;
  }

  public void setInbox(String inbox) {
    this.inbox = inbox;
  }

  /**
   * Holds processing/, archive/ and error/ (env TIDEWAY_INGEST_WORK_DIR); same file system as the
   * inbox.
   */
  public String getWorkDir() {
    return workDir;
  }

  public void setWorkDir(String workDir) {
    this.workDir = workDir;
  }

  /**
   * Where the file ids handed out so far are reserved (env TIDEWAY_INGEST_IDS_DIR); empty: {@code
   * <work-dir>/ids}. Every ingest instance reading one inbox must share it (same file system).
   */
  public String getIdsDir() {
    return idsDir;
  }

  public void setIdsDir(String idsDir) {
    this.idsDir = idsDir == null ? "" : idsDir;
  }

  /**
   * Where mappings inferred for files dropped into the inbox itself whose header fits no mapping
   * are saved (env TIDEWAY_INFERRED_MAPPINGS_DIR); empty: nothing is inferred and such files fail.
   * The other services must list it in their mappings dir to use those mappings.
   */
  public String getInferredMappingsDir() {
    return inferredMappingsDir;
  }

  public void setInferredMappingsDir(String inferredMappingsDir) {
    this.inferredMappingsDir = inferredMappingsDir;
  }

  /** The inferred-mappings directory, or null when inferring is off. */
  public Path inferredMappings() {
    return inferredMappingsDir == null || inferredMappingsDir.isBlank()
        ? null
        : Path.of(inferredMappingsDir).toAbsolutePath().normalize();
  }

  /** {@link #getIdsDir()} resolved: the explicit directory, else {@code <work-dir>/ids}. */
  public Path idsDir() {
    Path dir =
        idsDir == null || idsDir.isBlank() ? Path.of(workDir).resolve("ids") : Path.of(idsDir);
    return dir.toAbsolutePath().normalize();
  }

  /** How often the inbox is scanned even without watch-service events. */
  public Duration getScanInterval() {
    return scanInterval;
  }

  public void setScanInterval(Duration scanInterval) {
    this.scanInterval = scanInterval;
  }

  /**
   * How long size and mtime of a file must stay unchanged before it is ingested; a file already
   * unwritten that long when it was moved into its folder is ingested at once.
   */
  public Duration getStableFor() {
    return stableFor;
  }

  public void setStableFor(Duration stableFor) {
    this.stableFor = stableFor;
  }

  /** Rows per Kafka transaction (each commits a checkpoint, the resume point after a crash). */
  public int getTransactionRows() {
    return transactionRows;
  }

  public void setTransactionRows(int transactionRows) {
    this.transactionRows = transactionRows;
  }

  /** A PROGRESS event every this many rows. */
  public int getProgressEvery() {
    return progressEvery;
  }

  public void setProgressEvery(int progressEvery) {
    this.progressEvery = progressEvery;
  }

  /**
   * Stable name of this ingest instance; its transactional ids ({@code tideway-ingest-<id>} and
   * {@code ...-replay}) derive from it, so it must be unique per running instance (and work dir).
   */
  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  /** CSV field delimiter, one ASCII character. */
  public String getDelimiter() {
    return delimiter;
  }

  public void setDelimiter(String delimiter) {
    this.delimiter = delimiter;
  }

  /** CSV quote character, one ASCII character. */
  public String getQuote() {
    return quote;
  }

  public void setQuote(String quote) {
    this.quote = quote;
  }

  /** Charset of the files; must be ASCII-compatible (UTF-8, ISO-8859-1, windows-1252, ...). */
  public String getCharset() {
    return charset;
  }

  public void setCharset(String charset) {
    this.charset = charset;
  }

  /** A longer record (in bytes) becomes an error row. */
  public int getMaxRecordBytes() {
    return maxRecordBytes;
  }

  public void setMaxRecordBytes(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * How long one Kafka call may block (producer max.block.ms, reading checkpoints) before a retry.
   */
  public Duration getKafkaTimeout() {
    return kafkaTimeout;
  }

  public void setKafkaTimeout(Duration kafkaTimeout) {
    this.kafkaTimeout = kafkaTimeout;
  }

  /** The CSV dialect these settings describe; fails on an unusable combination. */
  public CsvFormat csvFormat() {
    if (delimiter.length() != 1 || quote.length() != 1) {
      throw new IllegalArgumentException(
          "tideway.ingest.delimiter and quote must be one character each");
    }
    return CsvFormat.of(
        delimiter.charAt(0), quote.charAt(0), Charset.forName(charset), maxRecordBytes);
  }
}
