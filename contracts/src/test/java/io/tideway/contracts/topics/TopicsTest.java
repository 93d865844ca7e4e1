package io.tideway.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyTopicConstantIsInTheCatalogueOnceWithItsOwnName() {
    List<Topic<?>> constants =
        Arrays.stream(Topics.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Topic.class)
            .map(TopicsTest::valueOf)
            .toList();
    assertThat(Topics.ALL).containsExactlyInAnyOrderElementsOf(constants);
    assertThat(Topics.ALL.stream().map(t -> t.name("")).distinct()).hasSameSizeAs(Topics.ALL);
    assertThat(Topics.ALL).containsAll(Topics.COMPACTED);
  }

  @Test
  void namesCarryThePrefix() {
    assertThat(Topics.RAW.name(Topics.DEFAULT_PREFIX)).isEqualTo("tideway.raw");
    assertThat(Topics.LOAD_RECEIPTS.name("it.")).isEqualTo("it.load-receipts");
  }

  private static Topic<?> valueOf(Field f) {
    try {
      return (Topic<?>) f.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
