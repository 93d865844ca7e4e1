package io.tideway.loader.write;

import java.util.function.Supplier;

/** The write-model strategies a deployment can choose ({@code tideway.loader.write-model}). */
public enum WriteModelKind {
  /**
   * Insert; E11000 = already present (the default: fastest measured, never rewrites a document).
   */
  INSERT_IGNORE_DUPLICATES(InsertIgnoreDuplicatesStrategy::new),
  /** Replace-upsert by {@code _id} (and the first file): rewrites documents on replay. */
  REPLACE_UPSERT(ReplaceUpsertStrategy::new);

  private final Supplier<WriteModelStrategy> factory;

  WriteModelKind(Supplier<WriteModelStrategy> factory) {
    this.factory = factory;
  }

  public WriteModelStrategy strategy() {
    return factory.get();
  }
}
