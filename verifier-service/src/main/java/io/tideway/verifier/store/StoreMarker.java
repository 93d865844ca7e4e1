package io.tideway.verifier.store;

import java.util.Optional;

/**
 * The verifier's marker document in MongoDB ({@code tideway_meta}, {@code _id: "store"}): it only
 * vanishes or changes when the store lost its data (an in-memory store restarted, a dropped
 * database, a restore). Reading it is also the verifier's probe of whether MongoDB answers.
 */
public interface StoreMarker {

  /**
   * The marker's id, empty when there is none; throws a RuntimeException when MongoDB does not
   * answer.
   */
  Optional<String> read();

  /**
   * Writes {@code id} as the marker unless another one exists (a peer wrote it first); returns the
   * marker now stored. Throws a RuntimeException when MongoDB does not answer.
   */
  String writeIfAbsent(String id);
}
