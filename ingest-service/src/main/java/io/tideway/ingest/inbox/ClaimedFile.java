package io.tideway.ingest.inbox;

import java.nio.file.Path;

/** A file in processing/ with its manifest (null until the fingerprint was taken). */
public record ClaimedFile(Path path, String mapping, ClaimManifest manifest) {

  public String fileName() {
    return path.getFileName().toString();
  }

  public ClaimedFile with(ClaimManifest m) {
    return new ClaimedFile(path, mapping, m);
  }
}
