package io.tideway.contracts.mapping;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The mappings a deployment knows: the ones shipped in this jar ({@code mappings/*.yaml}) and,
 * overriding them by name, the files of an optional directory ({@code TIDEWAY_MAPPINGS_DIR}).
 */
public final class MappingCatalog {

  /** The mapping of files dropped straight into the inbox. */
  public static final String DEFAULT_MAPPING = "healthcare-admissions";

  private static final String BUILT_IN_INDEX = "mappings/catalog.txt";

  private final Map<String, Mapping> byName;

  private MappingCatalog(Map<String, Mapping> byName) {
    this.byName = byName;
  }

  /** Built-in mappings plus those in {@code dir} (ignored when null or absent). */
  public static MappingCatalog load(Path dir) {
    Map<String, Mapping> byName = new LinkedHashMap<>();
    for (String file : builtInFiles()) {
      String resource = "mappings/" + file;
      try (InputStream in = MappingCatalog.class.getClassLoader().getResourceAsStream(resource)) {
        Mapping m = MappingLoader.read(in, resource);
        byName.put(m.name(), m);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (dir != null && Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.filter(MappingCatalog::isMappingFile).sorted().toList()) {
          try (InputStream in = Files.newInputStream(p)) {
            Mapping m = MappingLoader.read(in, p.toString());
            byName.put(m.name(), m);
          }
        }
      } catch (IOException e) {
        throw new MappingException(
            "cannot read mappings directory " + dir + ": " + e.getMessage(), e);
      }
    }
    return new MappingCatalog(byName);
  }

  /** Built-ins only. */
  public static MappingCatalog builtIn() {
    return load(null);
  }

  public Optional<Mapping> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The named mapping, or a {@link MappingException} listing the known ones. */
  public Mapping get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new MappingException(
                    "unknown mapping '" + name + "' (known: " + byName.keySet() + ")"));
  }

  public Collection<Mapping> all() {
    return byName.values();
  }

  private static boolean isMappingFile(Path p) {
    String n = p.getFileName().toString();
    return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
  }

  private static Iterable<String> builtInFiles() {
    InputStream in = MappingCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN_INDEX);
    if (in == null) {
      return java.util.List.of();
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
