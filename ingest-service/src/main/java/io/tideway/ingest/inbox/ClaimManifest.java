package io.tideway.ingest.inbox;

/**
 * What ingest knows about a claimed file, kept beside it in processing/ so that a restart resumes
 * it under the same id.
 *
 * @param source where the file came from (inbox path or s3 URI)
 * @param failure why the file failed, once decided; null while it is healthy
 */
public record ClaimManifest(
    String fileId,
    String fileName,
    String mapping,
    String source,
    String sha256,
    long bytes,
    String failure) {

  public ClaimManifest withFailure(String reason) {
    return new ClaimManifest(fileId, fileName, mapping, source, sha256, bytes, reason);
  }
}
