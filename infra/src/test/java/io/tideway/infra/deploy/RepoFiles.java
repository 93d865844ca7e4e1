package io.tideway.infra.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Finds the repository root from the test's working directory and reads its deployment files. */
public final class RepoFiles {

  private RepoFiles() {}

  /** The directory holding docker-compose.yml: the module's parent when run by Maven. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docker-compose.yml"))
          && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + dir);
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One YAML document as a map (anchors and {@code <<} merge keys resolved). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      Object doc = yamlParser().load(in);
      if (!(doc instanceof Map)) {
        throw new IllegalStateException(path + " is not a YAML mapping");
      }
      return (Map<String, Object>) doc;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every non-empty document of a multi-document YAML file. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> yamlDocuments(Path path) {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (InputStream in = Files.newInputStream(path)) {
      for (Object doc : yamlParser().loadAll(in)) {
        if (doc == null) {
          continue;
        }
        if (!(doc instanceof Map)) {
          throw new IllegalStateException(path + " holds a document that is not a mapping");
        }
        docs.add((Map<String, Object>) doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  private static Yaml yamlParser() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /** A child mapping, or an empty map when absent. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object parent, String key) {
    if (parent instanceof Map<?, ?> m && m.get(key) instanceof Map<?, ?> child) {
      return (Map<String, Object>) child;
    }
    return Map.of();
  }

  /** A child list, or an empty list when absent. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Object parent, String key) {
    if (parent instanceof Map<?, ?> m && m.get(key) instanceof List<?> child) {
      return (List<Object>) child;
    }
    return List.of();
  }

  /** A child scalar as text, or null. */
  static String text(Object parent, String key) {
    if (parent instanceof Map<?, ?> m && m.get(key) != null) {
      return String.valueOf(m.get(key));
    }
    return null;
  }
}
