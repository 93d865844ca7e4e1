package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreFormatTest {

  @Test
  void aFileKeepsTheFormatItWasCreatedWith() {
    record Case(Set<String> maps, String marker, StoreFormat expected) {}
    for (Case c :
        List.of(
            new Case(Set.of(), null, StoreFormat.BSON),
            new Case(Set.of(StoreFormat.MARKER_MAP), null, StoreFormat.BSON),
            new Case(Set.of("databases.tideway.admissions"), null, StoreFormat.JAVA_SERIALIZED),
            new Case(Set.of("databases.tideway.admissions"), "BSON", StoreFormat.BSON),
            new Case(Set.of(), "JAVA_SERIALIZED", StoreFormat.JAVA_SERIALIZED))) {
      assertThat(StoreFormat.of(c.maps(), c.marker())).as(c.toString()).isEqualTo(c.expected());
    }
  }
}
