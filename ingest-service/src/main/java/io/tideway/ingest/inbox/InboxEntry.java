package io.tideway.ingest.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Whether an inbox entry may be read at all. Ingest reads only regular files that are really in the
 * inbox: a symbolic link could expose any file the service can read (e.g. /etc/passwd) or make it
 * move files out of someone else's folder, so links are refused, never followed.
 */
public final class InboxEntry {

  private InboxEntry() {}

  /**
   * Why the entry at {@code path} must not be read (a link, a pipe, a device), or empty for a
   * regular file. Looks at the entry itself, never at what a link points to.
   */
  public static Optional<String> refusal(Path path) throws IOException {
    BasicFileAttributes attrs =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isRegularFile()) {
      return Optional.empty();
    }
    String name = path.getFileName().toString();
    if (attrs.isSymbolicLink()) {
      Path target = Files.readSymbolicLink(path);
      boolean folder = Files.isDirectory(path);
      return Optional.of(
          "'"
              + name
              + "' is a symbolic link to "
              + (folder ? "the folder " : "")
              + target
              + ": ingest never follows links, so that nothing outside the inbox is read or moved. "
              + (folder
                  ? "Move the folder itself into the inbox, or copy its files into inbox/"
                      + name
                      + "/."
                  : "Copy or move the file itself into the inbox.")
              + " The link was moved to error/; its target was not touched.");
    }
    return Optional.of(
        "'"
            + name
            + "' is not a regular file (a folder, named pipe, socket or device): only regular "
            + "files are ingested. It was moved to error/ unread.");
  }
}
