package io.tideway.contracts.mapping;

/**
 * A mapping named with the version a file is cleaned with: {@code name@N}, or just {@code name}
 * (version 0) where no version is known (records of earlier versions, catalogues without a feed).
 */
public record MappingRef(String name, int version) {

  /** {@code name@version}, or {@code name} for version 0. */
  public static MappingRef of(String name, int version) {
    return new MappingRef(name, Math.max(0, version));
  }

  /** Reads {@code name@N} or {@code name}; null for null. */
  public static MappingRef parse(String ref) {
    if (ref == null) {
      return null;
    }
    int at = ref.lastIndexOf('@');
    if (at > 0
        && at < ref.length() - 1
        && ref.substring(at + 1).chars().allMatch(Character::isDigit)) {
      try {
        return new MappingRef(ref.substring(0, at), Integer.parseInt(ref.substring(at + 1)));
      } catch (NumberFormatException e) {
        return new MappingRef(ref, 0);
      }
    }
    return new MappingRef(ref, 0);
  }

  /** The name alone of a reference (null for null). */
  public static String nameOf(String ref) {
    MappingRef r = parse(ref);
    return r == null ? null : r.name();
  }

  /** How people read it: {@code name v3}, or the name. */
  public String label() {
    return version > 0 ? name + " v" + version : name;
  }

  @Override
  public String toString() {
    return version > 0 ? name + "@" + version : name;
  }
}
