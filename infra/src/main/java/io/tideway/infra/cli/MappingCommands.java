package io.tideway.infra.cli;

import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.infra.stack.Layout;
import io.tideway.infra.stack.StackSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The mapping checks {@code up}, {@code run} and {@code check} make before starting anything, and
 * the mapping {@code run --mapping} installs for its run.
 */
final class MappingCommands {

  private MappingCommands() {}

  /**
   * Reads every mapping the services will read, so a broken one stops the command before anything
   * starts, with its {@code file:line: problem}.
   */
  static MappingCatalog preflight(Layout layout, StackSettings settings) {
    try {
      return MappingCatalog.load(layout.mappingDirs(settings.mappingsDir()));
    } catch (MappingException e) {
      throw new IllegalStateException(
          "a mapping cannot be used: " + e.getMessage() + " (fix the file; nothing was started)",
          e);
    }
  }

  /**
   * The mapping {@code run --mapping} names: a known name, or a mapping file, which is checked and
   * put where the services read it for this run. Returns the mapping's name.
   */
  static String forRun(String nameOrPath, Layout layout, StackSettings settings)
      throws IOException {
    Files.createDirectories(layout.runMappings());
    try (var old = Files.list(layout.runMappings())) {
      for (Path p : old.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Path path = Path.of(nameOrPath);
    boolean looksLikeFile =
        Files.isRegularFile(path)
            || nameOrPath.endsWith(".yaml")
            || nameOrPath.endsWith(".yml")
            || nameOrPath.endsWith(".json")
            || nameOrPath.contains("/");
    if (!looksLikeFile) {
      MappingCatalog catalog = preflight(layout, settings);
      if (catalog.find(nameOrPath).isEmpty()) {
        throw new UsageException(
            "--mapping: no mapping named '"
                + nameOrPath
                + "' (known: "
                + catalog.all().stream().map(Mapping::name).toList()
                + "); give a mapping file's path to use one that is not installed");
      }
      return nameOrPath;
    }
    if (!Files.isRegularFile(path)) {
      throw new UsageException("--mapping: no such file: " + nameOrPath);
    }
    Mapping m;
    try (InputStream in = Files.newInputStream(path)) {
      m = MappingLoader.read(in, path.toString());
    } catch (MappingException e) {
      throw new IllegalStateException(
          "--mapping: " + e.getMessage() + " (fix the file; nothing was started)", e);
    }
    Files.copy(
        path,
        layout.runMappings().resolve(m.name() + ".yaml"),
        StandardCopyOption.REPLACE_EXISTING);
    return m.name();
  }
}
