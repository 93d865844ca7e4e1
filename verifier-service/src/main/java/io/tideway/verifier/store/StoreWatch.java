package io.tideway.verifier.store;

import java.util.Optional;

/**
 * Compares each reading of the store marker with the one this verifier wrote or adopted; pure
 * state, driven by the verification cycle's store probe.
 */
public final class StoreWatch {

  /**
   * What a reading means.
   *
   * @param write a new marker id to write, or null
   * @param reset true when the marker vanished or changed since the last reading: the store was
   *     reset
   */
  public record Outcome(String write, boolean reset) {}

  private String expected;

  /**
   * Judges a reading; {@code newId} is used when a marker must be written. The first reading after
   * start adopts what it finds (a restarted verifier, same store) or writes one (a new store).
   */
  public Outcome observe(Optional<String> found, String newId) {
    if (expected == null) {
      expected = found.orElse(null);
      return found.isPresent() ? new Outcome(null, false) : new Outcome(newId, false);
    }
    if (found.isPresent() && found.get().equals(expected)) {
      return new Outcome(null, false);
    }
    if (found.isPresent()) {
      expected =
          found.get(); // a peer re-wrote it after the reset: adopt it, announce the reset once
      return new Outcome(null, true);
    }
    return new Outcome(newId, true);
  }

  /** The marker that is now in the store, after a write or an adoption. */
  public void expect(String id) {
    expected = id;
  }
}
