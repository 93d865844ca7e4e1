package io.tideway.verifier.ledger;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.verifier.reconcile.DigestBasis;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The loader's side of each file: receipts summed per file, each (topic, partition, offset range)
 * counted once even if a receipt is delivered twice.
 */
public final class ReceiptLedger {

  /**
   * A file's summed receipt counters.
   *
   * @param digestBasis the versions of the matched digests that sum documents
   */
  public record Sum(
      long inserted, long matched, long failed, String matchedDigest, DigestBasis digestBasis) {
    static final Sum EMPTY = new Sum(0, 0, 0, ContentDigest.format(0), DigestBasis.NONE);

    public long accounted() {
      return inserted + matched + failed;
    }

    Sum plus(LoadReceipt.FileLoad load, DigestVersion version) {
      return new Sum(
          inserted + load.inserted(),
          matched + load.matched(),
          failed + load.failed(),
          ContentDigest.plus(matchedDigest, load.matchedDigest()),
          load.matched() > 0 ? digestBasis.withLoader(version) : digestBasis);
    }
  }

  private final Set<String> counted = new HashSet<>();
  private final Map<String, Sum> byFile = new HashMap<>();

  /** Adds a receipt; returns false (and changes nothing) when its batch was already counted. */
  public boolean accept(LoadReceipt receipt) {
    if (!counted.add(receipt.key())) {
      return false;
    }
    if (receipt.files() != null) {
      DigestVersion version = DigestVersion.of(receipt);
      receipt
          .files()
          .forEach(
              (fileId, load) ->
                  byFile.merge(
                      fileId, Sum.EMPTY.plus(load, version), (a, b) -> a.plus(load, version)));
    }
    return true;
  }

  public Sum of(String fileId) {
    return byFile.getOrDefault(fileId, Sum.EMPTY);
  }

  /** Files the receipts mention. */
  public Set<String> files() {
    return byFile.keySet();
  }
}
