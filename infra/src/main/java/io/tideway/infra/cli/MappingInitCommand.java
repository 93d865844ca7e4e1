package io.tideway.infra.cli;

import io.tideway.contracts.mapping.infer.FieldNames;
import io.tideway.contracts.mapping.infer.MappingInference;
import io.tideway.contracts.mapping.infer.MappingYaml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./pipeline mapping init FILE}: drafts a mapping from a CSV. */
@Command(
    name = "init",
    description = {
      "Draft a mapping (YAML) from any CSV: dialect (delimiter, quote, charset, header row, decimal"
          + " comma), snake_case fields, sniffed types, nulls; on stdout unless --out."
    })
final class MappingInitCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1", description = "the CSV to draft from")
  Path file;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "the mapping's name (default: from the file name)")
  String name;

  @Option(names = "--out", paramLabel = "F", description = "write the YAML to F")
  Path out;

  @Override
  public Integer call() throws IOException {
    return init(System.out, System.err);
  }

  int init(PrintStream stdout, PrintStream err) throws IOException {
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
    if (out == null) {
      stdout.print(yaml);
    } else {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, yaml, StandardCharsets.UTF_8);
      err.printf(
          "wrote %s: mapping '%s', %d columns from %d rows%n",
          out, mappingName, draft.mapping().columns().size(), draft.rowsSampled());
    }
    draft.notes().forEach((column, note) -> err.printf("  %s: %s%n", column, note));
    return 0;
  }
}
