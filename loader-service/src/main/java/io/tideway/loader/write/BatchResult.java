package io.tideway.loader.write;

import java.util.ArrayList;
import java.util.List;

/**
 * What MongoDB did with one batch: documents now stored by their file (inserted, including
 * same-file replays), documents already present from another source (matched), and refusals.
 */
public record BatchResult(
    List<LoadDocument> inserted, List<LoadDocument> matched, List<Refusal> refused) {

  public static BatchResult empty() {
    return new BatchResult(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  void addAll(BatchResult other) {
    inserted.addAll(other.inserted);
    matched.addAll(other.matched);
    refused.addAll(other.refused);
  }
}
