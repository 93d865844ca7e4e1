package io.tideway.verifier.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreWatchTest {

  private final StoreWatch watch = new StoreWatch();

  @Test
  void aNewStoreGetsAMarkerAndKeepingItIsNoReset() {
    assertThat(watch.observe(Optional.empty(), "a")).isEqualTo(new StoreWatch.Outcome("a", false));
    watch.expect("a");
    assertThat(watch.observe(Optional.of("a"), "b")).isEqualTo(new StoreWatch.Outcome(null, false));
  }

  @Test
  void aMarkerFoundAtStartIsAdopted() {
    assertThat(watch.observe(Optional.of("old"), "new"))
        .isEqualTo(new StoreWatch.Outcome(null, false));
    assertThat(watch.observe(Optional.of("old"), "new"))
        .isEqualTo(new StoreWatch.Outcome(null, false));
  }

  @Test
  void aVanishedMarkerIsAResetAndIsWrittenAgain() {
    watch.observe(Optional.of("a"), "x");
    assertThat(watch.observe(Optional.empty(), "b")).isEqualTo(new StoreWatch.Outcome("b", true));
    watch.expect("b");
    assertThat(watch.observe(Optional.of("b"), "c")).isEqualTo(new StoreWatch.Outcome(null, false));
  }

  @Test
  void aChangedMarkerIsAReset() {
    watch.observe(Optional.of("a"), "x");
    assertThat(watch.observe(Optional.of("other"), "b"))
        .isEqualTo(new StoreWatch.Outcome(null, true));
    assertThat(watch.observe(Optional.of("other"), "c"))
        .isEqualTo(new StoreWatch.Outcome(null, false));
  }
}
