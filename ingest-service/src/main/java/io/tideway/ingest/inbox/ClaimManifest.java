package io.tideway.ingest.inbox;

/**
 * What ingest knows about a claimed file, kept beside it in processing/ so that a restart resumes
 * it under the same id.
 *
 * @param source where the file came from (inbox path or s3 URI)
 * @param failure why the file failed, once decided; null while it is healthy
 * @param mappingVersion the version of {@code mapping} chosen when the file was claimed, so a
 *     resumed file keeps it; 0 in manifests of earlier versions (the latest is used)
 */
public record ClaimManifest(
    String fileId,
    String fileName,
    String mapping,
    String source,
    String sha256,
    long bytes,
    String failure,
    int mappingVersion) {

  /** A manifest without a mapping version. */
  public ClaimManifest(
      String fileId,
      String fileName,
      String mapping,
      String source,
      String sha256,
      long bytes,
      String failure) {
    this(fileId, fileName, mapping, source, sha256, bytes, failure, 0);
  }

  public ClaimManifest withFailure(String reason) {
    return new ClaimManifest(
        fileId, fileName, mapping, source, sha256, bytes, reason, mappingVersion);
  }

  /** The mapping reference the file is cleaned with: {@code name@N}, or the name. */
  public String mappingRef() {
    return io.tideway.contracts.mapping.MappingRef.of(mapping, mappingVersion).toString();
  }
}
