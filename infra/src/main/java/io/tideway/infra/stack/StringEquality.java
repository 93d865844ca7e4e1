package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The library's query match, decided directly for the queries a file's scans and audits send: one
 * field (a dotted path through embedded documents) equal to a string, or {@code $in} a list of
 * strings. The library's generic matcher splits the path and compares through its value comparator
 * for every candidate document, which cost as much CPU as encoding the answer. Anything this class
 * cannot decide exactly as the library would (an array on the path, a value that is no string,
 * other operators, several fields) it leaves to the library.
 */
final class StringEquality {

  private final Document query;
  private final String[] path;
  private final Set<String> wanted;

  private StringEquality(Document query, String[] path, Set<String> wanted) {
    this.query = query;
    this.path = path;
    this.wanted = wanted;
  }

  /** The test of {@code query}; one that decides nothing when the query is not of that shape. */
  static StringEquality of(Document query) {
    StringEquality undecided = new StringEquality(query, null, null);
    if (query.size() != 1) {
      return undecided;
    }
    Map.Entry<String, Object> condition = query.entrySet().iterator().next();
    String field = condition.getKey();
    if (field.isEmpty()
        || field.startsWith("$")
        || field.startsWith(".")
        || field.endsWith(".")
        || field.contains("..")) {
      return undecided;
    }
    Set<String> wanted = strings(condition.getValue());
    return wanted == null ? undecided : new StringEquality(query, ScalarKey.path(field), wanted);
  }

  /** The strings a condition asks for: one for a plain string, the list of an {@code $in}. */
  private static Set<String> strings(Object condition) {
    if (condition instanceof String s) {
      return Set.of(s);
    }
    if (condition instanceof Document d
        && d.size() == 1
        && d.get("$in") instanceof Collection<?> in
        && !in.isEmpty()
        && in.stream().allMatch(String.class::isInstance)) {
      return Set.copyOf(in.stream().map(String.class::cast).toList());
    }
    return null;
  }

  /**
   * Whether this test was made for {@code query} (the same object: the library's scan passes one).
   */
  boolean isFor(Document query) {
    return this.query == query;
  }

  /**
   * TRUE or FALSE when the field's value is a string, reached through embedded documents only; null
   * when the library must decide.
   */
  Boolean matches(Document document) {
    if (path == null) {
      return null;
    }
    // An array or a scalar on the path, a missing field or another type: the library's rules.
    String value = ScalarKey.value(path, document);
    return value != null ? wanted.contains(value) : null;
  }

  /** The path this test follows, for tests. */
  List<String> path() {
    return path == null ? List.of() : List.of(path);
  }
}
