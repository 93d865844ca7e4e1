package io.tideway.infra.deploy;

import java.util.regex.Pattern;

/** What "pinned" means for an image reference in this repository. */
final class DockerImages {

  /** [registry/]name:tag or name@sha256:digest; the tag names a release, not a moving pointer. */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(@sha256:[0-9a-f]{64})?$");

  private DockerImages() {}

  static boolean isPinned(String image) {
    if (image == null || !REFERENCE.matcher(image).matches()) {
      return false;
    }
    if (image.contains("@sha256:")) {
      return true;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon < slash + 1) {
      return false;
    }
    String tag = image.substring(colon + 1);
    return !tag.equals("latest")
        && !tag.equals("stable")
        && !tag.equals("edge")
        && !tag.equals("main")
        && !tag.equals("nightly")
        && !tag.equals("current")
        && !tag.startsWith("latest-");
  }
}
