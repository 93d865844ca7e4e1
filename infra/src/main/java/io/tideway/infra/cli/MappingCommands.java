package io.tideway.infra.cli;

import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingException;
import io.tideway.contracts.mapping.MappingLoader;
import io.tideway.contracts.mapping.infer.FieldNames;
import io.tideway.contracts.mapping.infer.MappingInference;
import io.tideway.contracts.mapping.infer.MappingYaml;
import io.tideway.infra.stack.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code ./pipeline mapping init FILE [--name N] [--out F]}: drafts a mapping from a CSV; {@code
 * apply|list|show|export} (see {@link MappingTopicCommands}); and the mapping checks {@code up},
 * {@code run} and {@code check} make before starting anything.
 */
final class MappingCommands {

  private MappingCommands() {}

  static int dispatch(Args a, PrintStream out, PrintStream err) throws IOException {
    String name = a.option("--name", null);
    String target = a.option("-o", a.option("--out", null));
    Integer version = a.intOption("--version");
    long timeout = a.longOption("--timeout", 30);
    String bootstrap = a.option("--bootstrap-servers", null);
    List<String> rest = a.rest();
    String sub = rest.isEmpty() ? "" : rest.get(0);
    List<String> args = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
    MappingTopicCommands.Broker broker =
        MappingTopicCommands.Broker.of(bootstrap, java.time.Duration.ofSeconds(timeout));
    return switch (sub) {
      case "init" -> init(name, target, args, out, err);
      case "apply" -> MappingTopicCommands.apply(args, broker, out);
      case "list" -> MappingTopicCommands.list(broker, out);
      case "show" -> MappingTopicCommands.show(only(args), version, null, broker, out);
      case "export" -> MappingTopicCommands.show(only(args), version, target, broker, out);
      default ->
          throw new UsageException(
              "mapping needs a subcommand: init FILE [--name N] [--out F] | apply FILE.yaml |"
                  + " list | show NAME [--version N] | export NAME [--version N] [-o FILE]");
    };
  }

  private static String only(List<String> args) {
    if (args.size() != 1) {
      throw new UsageException("give one mapping NAME (see ./pipeline mapping list)");
    }
    return args.get(0);
  }

  private static int init(
      String name, String target, List<String> files, PrintStream out, PrintStream err)
      throws IOException {
    if (files.size() != 1) {
      throw new UsageException("mapping init needs one FILE");
    }
    Path file = Path.of(files.get(0));
    if (!Files.isRegularFile(file)) {
      throw new UsageException("no such file: " + file);
    }
    String fileName = file.getFileName().toString();
    String mappingName = name != null ? name : FieldNames.mappingName(fileName);
    if (!mappingName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new UsageException(
          "--name must be letters, digits, '.', '_' or '-' (it names the inbox folder), got '"
              + mappingName
              + "'");
    }
    MappingInference.Draft draft =
        MappingInference.draft(MappingInference.head(file), mappingName, fileName);
    if (draft.mapping().columns().isEmpty()) {
      err.println("pipeline: " + fileName + " has no header with column names: nothing to map");
      return 1;
    }
    String yaml = MappingYaml.write(draft, fileName);
    if (target == null) {
      out.print(yaml);
    } else {
      Path to = Path.of(target);
      if (to.getParent() != null) {
        Files.createDirectories(to.getParent());
      }
      Files.writeString(to, yaml, StandardCharsets.UTF_8);
      err.printf(
          "wrote %s: mapping '%s', %d columns from %d rows%n",
          to, mappingName, draft.mapping().columns().size(), draft.rowsSampled());
    }
    draft.notes().forEach((column, note) -> err.printf("  %s: %s%n", column, note));
    return 0;
  }

  /**
   * Reads every mapping the services will read, so a broken one stops the command before anything
   * starts, with its {@code file:line: problem}.
   */
  static MappingCatalog preflight(Layout layout) {
    try {
      return MappingCatalog.load(layout.mappingDirs(System.getenv("TIDEWAY_MAPPINGS_DIR")));
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
  static String forRun(String nameOrPath, Layout layout) throws IOException {
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
      MappingCatalog catalog = preflight(layout);
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
