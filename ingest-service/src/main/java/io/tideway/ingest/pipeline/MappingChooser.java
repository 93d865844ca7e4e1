package io.tideway.ingest.pipeline;

import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.contracts.mapping.infer.FieldNames;
import io.tideway.contracts.mapping.infer.MappingInference;
import io.tideway.contracts.mapping.infer.MappingYaml;
import io.tideway.contracts.payload.MappingVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the mapping of a file dropped straight into the inbox: the known mapping whose columns
 * its header has (read in that mapping's dialect), else a mapping inferred from the file and saved
 * as YAML in the inferred-mappings directory, where the other services (and the next file with the
 * same header) find it. Never a mapping the header does not fit.
 */
final class MappingChooser {

  private static final Logger LOG = LoggerFactory.getLogger(MappingChooser.class);

  private final MappingCatalog catalog;
  private final CsvFormat defaults;
  private final Path inferredDir;

  /**
   * @param inferredDir where inferred mappings are written; null: none are, and a header that fits
   *     no mapping fails the file
   */
  MappingChooser(MappingCatalog catalog, CsvFormat defaults, Path inferredDir) {
    this.catalog = catalog;
    this.defaults = defaults;
    this.inferredDir = inferredDir;
  }

  /** The mapping chosen, or why there is none. */
  record Choice(String mapping, boolean inferred, String failure) {}

  Choice choose(Path file, String fileName) throws IOException {
    MappingInference.Head head = MappingInference.head(file);
    if (head.bytes().length == 0) {
      // Nothing to store: any mapping gives zero documents; the built-in default names the file.
      return new Choice(MappingCatalog.DEFAULT_MAPPING, false, null);
    }
    if (binary(head.bytes())) {
      return new Choice(
          null,
          false,
          "header unreadable: line 1 holds NUL bytes, so the file is binary data, not text (the"
              + " first line must be the CSV header; is this a CSV file?)");
    }
    Mapping fitting = null;
    Mapping partly = null;
    for (Mapping m : catalog.all()) {
      List<String> header;
      try {
        header = MappingInference.header(head, m.dialect(), defaults);
      } catch (RuntimeException e) {
        continue; // this mapping's dialect cannot read the file at all
      }
      if (m.fits(header)) {
        if (new HashSet<>(m.sourceColumns()).equals(new HashSet<>(header))) {
          return new Choice(m.name(), false, null);
        }
        if (fitting == null) {
          fitting = m;
        }
      } else if (partly == null && !header.isEmpty() && m.sourceColumns().containsAll(header)) {
        partly = m;
      }
    }
    if (fitting != null) {
      return new Choice(fitting.name(), false, null);
    }
    if (partly != null) {
      // Every column is one of this mapping's, some required ones are missing: the file is of
      // this kind and is told which columns it lacks, rather than given a new mapping.
      return new Choice(partly.name(), false, null);
    }
    if (inferredDir == null) {
      return new Choice(
          null,
          false,
          "no mapping for "
              + fileName
              + ": its header fits no known mapping "
              + catalog.all().stream().map(Mapping::name).toList()
              + " and inferring one is off (tideway.ingest.inferred-mappings-dir is not set): drop"
              + " it into inbox/<mapping>/ to choose one, or write a mapping (./pipeline mapping"
              + " init FILE drafts one)");
    }
    return infer(head, fileName);
  }

  private synchronized Choice infer(MappingInference.Head head, String fileName)
      throws IOException {
    String name = freeName(FieldNames.mappingName(fileName));
    MappingInference.Draft draft = MappingInference.draft(head, name, fileName);
    if (draft.mapping().columns().isEmpty()) {
      return new Choice(
          null,
          false,
          "no mapping could be inferred: the file has no header with column names (the first"
              + " line must name the columns)");
    }
    String yaml = MappingYaml.write(draft, fileName);
    Files.createDirectories(inferredDir);
    Path target = inferredDir.resolve(name + ".yaml");
    Mapping written;
    try {
      written =
          MappingLoader.read(
              new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), target.toString());
    } catch (MappingException e) {
      return new Choice(null, false, "the inferred mapping is not usable: " + e.getMessage());
    }
    Path tmp = inferredDir.resolve("." + name + ".yaml.tmp");
    Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
    // Other services read the directory: they must never see half a file.
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    catalog.add(written);
    if (catalog.feed().isPresent()) {
      // The topic is what the other services read: the file is claimed with this version.
      try {
        catalog
            .feed()
            .get()
            .publish(yaml, target.toString(), MappingVersion.INFERRED, true, catalog.mappingWait());
      } catch (MappingException e) {
        return new Choice(
            null, false, "the inferred mapping could not be published: " + e.getMessage());
      }
    }
    LOG.info(
        "inferred mapping {} for {} ({} columns from {} rows), saved as {}",
        name,
        LogSafe.of(fileName),
        written.columns().size(),
        draft.rowsSampled(),
        target);
    return new Choice(name, true, null);
  }

  /** NUL bytes without a UTF-16 BOM: binary data. */
  private static boolean binary(byte[] head) {
    boolean utf16 =
        head.length >= 2
            && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF);
    if (utf16) {
      return false;
    }
    for (int i = 0; i < Math.min(head.length, 1 << 16); i++) {
      if (head[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code base}, or {@code base-2}, {@code base-3}... when a mapping of that name exists. */
  private String freeName(String base) {
    String name = base;
    for (int n = 2;
        catalog.find(name).isPresent() || Files.exists(inferredDir.resolve(name + ".yaml"));
        n++) {
      name = base + "-" + n;
    }
    return name;
  }
}
