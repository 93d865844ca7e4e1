package io.tideway.loader.write;

/** A target database and collection. */
public record Namespace(String database, String collection) {

  @Override
  public String toString() {
    return database + "." + collection;
  }
}
