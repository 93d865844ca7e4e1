package io.tideway.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a replay names its new file: the first {@code <id>-rN} nobody has used or reserved. */
class FileReplayerTest {

  @Test
  void theFirstReplayOfAFileIsR1() {
    FileReplayer.Lifecycle original = new FileReplayer.Lifecycle();
    original.ids.add("abc");

    assertThat(original.nextReplayId("abc", id -> true)).isEqualTo("abc-r1");
  }

  @Test
  void idsOnTheFilesTopicAndIdsAnotherInstanceReservedAreSkipped() {
    FileReplayer.Lifecycle original = new FileReplayer.Lifecycle();
    original.ids.addAll(Set.of("abc", "abc-r1", "abc-r2"));
    Set<String> reservedElsewhere = Set.of("abc-r3");
    Set<String> reservedHere = new HashSet<>();

    String id =
        original.nextReplayId(
            "abc",
            candidate -> !reservedElsewhere.contains(candidate) && reservedHere.add(candidate));

    assertThat(id).isEqualTo("abc-r4");
    assertThat(reservedHere).containsExactly("abc-r4");
  }
}
