package io.tideway.ingest.inbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists the inbox: files directly in it use the default mapping, files in {@code <mapping>/} use
 * that mapping. Deeper folders are not looked at. Links are listed as entries but never followed
 * (not even to a folder): ingest refuses them once claimed, see {@link InboxEntry}.
 */
public final class InboxScanner {

  private final Path inbox;
  private final String defaultMapping;

  public InboxScanner(Path inbox, String defaultMapping) {
    this.inbox = inbox;
    this.defaultMapping = defaultMapping;
  }

  /** Candidate files by path string, in a stable order. */
  public Map<String, InboxFile> scan() throws IOException {
    Map<String, InboxFile> found = new LinkedHashMap<>();
    // Each folder's time is read before its files': a write in between only makes a file newer.
    long inboxModified = modifiedMillis(attributes(inbox));
    for (Path entry : list(inbox)) {
      String name = entry.getFileName().toString();
      BasicFileAttributes attrs = attributes(entry);
      if (attrs == null) {
        continue;
      }
      if (attrs.isDirectory()) {
        if (InboxRules.isMappingFolder(name)) {
          long folderModified = modifiedMillis(attrs);
          for (Path inner : list(entry)) {
            add(found, inner, name, folderModified);
          }
        }
      } else {
        add(found, entry, defaultMapping, inboxModified);
      }
    }
    return found;
  }

  /** The mapping folders currently in the inbox (for the watch service). */
  public List<Path> mappingFolders() throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (Path entry : list(inbox)) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
          && InboxRules.isMappingFolder(entry.getFileName().toString())) {
        dirs.add(entry);
      }
    }
    return dirs;
  }

  private static void add(
      Map<String, InboxFile> found, Path file, String mapping, long folderModified) {
    if (!InboxRules.isCandidate(file.getFileName().toString())) {
      return;
    }
    BasicFileAttributes attrs = attributes(file);
    // Everything but a real folder is an entry to claim: a link, a pipe or a device is claimed
    // (a rename, which never touches a link's target) only to be refused with a reason.
    if (attrs != null && !attrs.isDirectory()) {
      FileState state = new FileState(attrs.size(), modifiedMillis(attrs), folderModified);
      found.put(file.toString(), new InboxFile(file, mapping, state));
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    entries.sort(null);
    return entries;
  }

  private static long modifiedMillis(BasicFileAttributes attrs) {
    return attrs == null ? 0 : attrs.lastModifiedTime().toMillis();
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      // Gone between listing and reading: the next scan decides.
      return null;
    }
  }
}
