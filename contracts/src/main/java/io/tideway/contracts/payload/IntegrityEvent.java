package io.tideway.contracts.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The verifier's per-file status with the counts of both sides, on {@code tideway.integrity} and in
 * {@code GET /api/files}. Field names are a stable contract: later versions add, never rename.
 *
 * @param documentsInMongo documents MongoDB answered it holds for the file at the last check; null
 *     (written as JSON null) while unknown: before any check answered, never 0 for "no answer"
 * @param documentsNonconforming stored documents of the last full check with a mapped field missing
 *     or of another BSON type than the mapping's (type conformance); 0 before the first full check
 * @param problems human-readable invariant violations, empty when VERIFIED
 * @param mappingVersion the version of {@code mapping} the file was cleaned with; null when unknown
 * @param source where the file came from, as its file events say: its path relative to the inbox,
 *     {@code s3://bucket/key} or {@code replay:<file id>}; null until a file event named it (added
 *     in schema 1, absent in older events)
 * @param outcome what a VERIFIED file amounts to (clean, with rejects, mostly rejected, nothing
 *     loaded) by the verifier's thresholds; null unless VERIFIED (added in schema 1)
 */
public record IntegrityEvent(
    int schema,
    String fileId,
    String fileName,
    String mapping,
    FileStatus status,
    long rowsRead,
    long cleaned,
    long duplicates,
    long rejected,
    long inserted,
    long matched,
    long failed,
    @JsonInclude(JsonInclude.Include.ALWAYS) Long documentsInMongo,
    long documentsNonconforming,
    String digestExpected,
    String digestActual,
    List<String> problems,
    Instant startedAt,
    Instant completedAt,
    Instant verifiedAt,
    Instant at,
    Integer mappingVersion,
    String source,
    FileOutcome outcome) {

  public static final int SCHEMA = 1;
}
