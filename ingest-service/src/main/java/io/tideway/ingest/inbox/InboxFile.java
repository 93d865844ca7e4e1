package io.tideway.ingest.inbox;

import java.nio.file.Path;

/** A file seen in the inbox and the mapping its location selects. */
public record InboxFile(Path path, String mapping, FileState state) {}
