package io.tideway.verifier.reconcile;

import io.tideway.contracts.digest.DigestVersion;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The digest versions a file's expected digest was summed from: the cleaner's counters and the
 * loader's matched digests, each record with documents counting by its {@code schema}. One version
 * on both sides can be compared with MongoDB; a mix cannot be, nor a cleaner digest left unstated
 * (a cleaner upgraded in the middle of the file).
 *
 * @param cleaner versions of the cleaner's per-partition digests that sum documents
 * @param loader versions of the loader's matched digests that sum documents
 * @param unstated a cleaner partition summed both versions and stated no digest
 */
public record DigestBasis(Set<DigestVersion> cleaner, Set<DigestVersion> loader, boolean unstated) {

  /** No digest counted yet: compared in the current version. */
  public static final DigestBasis NONE = new DigestBasis(Set.of(), Set.of(), false);

  public DigestBasis {
    cleaner = Set.copyOf(cleaner);
    loader = Set.copyOf(loader);
  }

  public DigestBasis withCleaner(DigestVersion version) {
    return new DigestBasis(add(cleaner, version), loader, unstated);
  }

  public DigestBasis withLoader(DigestVersion version) {
    return new DigestBasis(cleaner, add(loader, version), unstated);
  }

  public DigestBasis withUnstated() {
    return new DigestBasis(cleaner, loader, true);
  }

  /** Both sides of one file together. */
  public DigestBasis plus(DigestBasis other) {
    Set<DigestVersion> c = EnumSet.noneOf(DigestVersion.class);
    c.addAll(cleaner);
    c.addAll(other.cleaner);
    Set<DigestVersion> l = EnumSet.noneOf(DigestVersion.class);
    l.addAll(loader);
    l.addAll(other.loader);
    return new DigestBasis(c, l, unstated || other.unstated);
  }

  /**
   * The one version the expected digest is in (the current one when nothing was digested yet), or
   * empty when it mixes versions and cannot be compared.
   */
  public Optional<DigestVersion> version() {
    Set<DigestVersion> all = EnumSet.noneOf(DigestVersion.class);
    all.addAll(cleaner);
    all.addAll(loader);
    if (unstated || all.size() > 1) {
      return Optional.empty();
    }
    return Optional.of(all.isEmpty() ? DigestVersion.CURRENT : all.iterator().next());
  }

  /** Why the digest cannot be compared, for a note: which side carries which versions. */
  public String describe() {
    StringBuilder s = new StringBuilder("different digest versions: cleaner ");
    s.append(cleaner.isEmpty() ? "none" : names(cleaner));
    if (unstated) {
      s.append(" and a partition that summed both (cleaner upgraded during the file)");
    }
    s.append(", loader receipts ").append(loader.isEmpty() ? "none" : names(loader));
    return s.toString();
  }

  private static String names(Set<DigestVersion> versions) {
    return versions.stream().sorted().map(DigestVersion::toString).collect(Collectors.joining("+"));
  }

  private static Set<DigestVersion> add(Set<DigestVersion> set, DigestVersion version) {
    if (set.contains(version)) {
      return set;
    }
    Set<DigestVersion> out = EnumSet.noneOf(DigestVersion.class);
    out.addAll(set);
    out.add(version);
    return out;
  }
}
