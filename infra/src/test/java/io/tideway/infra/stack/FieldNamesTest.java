package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

  /** A document as the decoder makes it: every name a string of its own. */
  private static Document decoded(int n) {
    Document inner = new Document();
    inner.put(new String("name"), "Ada " + n);
    inner.put(new String("age"), n);
    Document inList = new Document();
    inList.put(new String("code"), "c" + n);
    Document d = new Document();
    d.put(new String("_id"), "id-" + n);
    d.put(new String("patient"), inner);
    d.put(new String("_quality"), List.of(inList, "plain", List.of(inList)));
    d.put(new String("tags"), List.of("a", "b"));
    return d;
  }

  @Test
  void aSharedCopyIsEqualInContentAndOrderWithOneStringPerName() {
    FieldNames names = new FieldNames();
    Document first = names.share(decoded(1));
    Document second = names.share(decoded(2));

    assertThat(first).isEqualTo(decoded(1));
    assertThat(new ArrayList<>(first.keySet()))
        .containsExactly("_id", "patient", "_quality", "tags");
    assertThat(nameOf(second, "patient")).isSameAs(nameOf(first, "patient"));
    Document p1 = (Document) first.get("patient");
    Document p2 = (Document) second.get("patient");
    assertThat(nameOf(p2, "age")).isSameAs(nameOf(p1, "age"));
    // Documents in arrays, at any depth, share their names too.
    Document q1 = (Document) ((List<?>) first.get("_quality")).get(0);
    Document q2 = (Document) ((List<?>) ((List<?>) second.get("_quality")).get(2)).get(0);
    assertThat(nameOf(q2, "code")).isSameAs(nameOf(q1, "code"));
    // Values are the decoded ones, not copies.
    Document input = decoded(3);
    assertThat(names.share(input).get("tags")).isSameAs(input.get("tags"));
  }

  private static String nameOf(Document d, String name) {
    return d.keySet().stream().filter(name::equals).findFirst().orElseThrow();
  }
}
