package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded store's own string-equality match answers as the library's matcher does. */
class StringEqualityTest {

  private static Document doc(String key, Object value) {
    Document d = new Document();
    d.put("_id", "x");
    d.put(key, value);
    return d;
  }

  private static Document query(String key, Object value) {
    return new Document(key, value);
  }

  private static final List<Document> SHAPES =
      List.of(
          doc("_source", doc("file_id", "f1")),
          doc("_source", doc("file_id", "f2")),
          doc("_source", doc("file_id", "F1")),
          doc("_source", doc("file_id", "")),
          doc("_source", doc("file_id", 42)),
          doc("_source", doc("file_id", null)),
          doc("_source", doc("row", 1)),
          doc("_source", "f1"),
          doc("_source", doc("file_id", List.of("f1", "b"))),
          doc("_source", List.of(doc("file_id", "f1"), doc("file_id", "b"))),
          doc("_source", doc("file_id", doc("nested", "f1"))),
          doc("_source", doc("0", doc("file_id", "f1"))),
          doc("file_id", "f1"),
          doc("name", "x"));

  private static final List<Document> QUERIES =
      List.of(
          query("_source.file_id", "f1"),
          query("_source.file_id", ""),
          query("_source.file_id", query("$in", List.of("f1", "f2"))),
          query("_source.file_id", query("$in", List.of("b"))),
          query("_source.0.file_id", "f1"),
          query("file_id", "f1"),
          // Not of the shape: left to the library.
          query("_source.file_id", query("$in", List.of("f1", 42))),
          query("_source.file_id", query("$gt", "f0")),
          query("_source.file_id", 42),
          query("_source.file_id", null),
          query("$or", List.of(query("file_id", "f1"))),
          query("_source.", "f1"),
          query(".file_id", "f1"),
          new Document("_source.file_id", "f1").append("name", "x"));

  @Test
  void everyQueryOfEveryShapeMatchesAsTheLibrarysMatcherDoes() {
    int decided = 0;
    for (Document q : QUERIES) {
      StringEquality test = StringEquality.of(q);
      assertThat(test.isFor(q)).isTrue();
      for (Document d : SHAPES) {
        boolean library = new DefaultQueryMatcher().matches(d, q);
        Boolean own = test.matches(d);
        if (own != null) {
          decided++;
          assertThat(own).as("%s against %s", q, d).isEqualTo(library);
        }
      }
    }
    assertThat(decided).as("documents decided without the library").isEqualTo(18);
  }

  @Test
  void aFileIdIsDecidedHereAndAnythingElseIsLeftToTheLibrary() {
    StringEquality byFile = StringEquality.of(query("_source.file_id", "f1"));
    assertThat(byFile.path()).containsExactly("_source", "file_id");
    assertThat(byFile.matches(doc("_source", doc("file_id", "f1")))).isTrue();
    assertThat(byFile.matches(doc("_source", doc("file_id", "f2")))).isFalse();
    assertThat(byFile.matches(doc("_source", doc("file_id", List.of("f1"))))).isNull();
    assertThat(byFile.matches(doc("name", "x"))).as("a missing field").isNull();
    assertThat(StringEquality.of(query("_source.file_id", query("$gt", "f0"))).path()).isEmpty();
    assertThat(StringEquality.of(query("$or", List.of())).path()).isEmpty();
    assertThat(StringEquality.of(query("_source.", "f1")).path())
        .as("an empty last part")
        .isEmpty();
  }
}
