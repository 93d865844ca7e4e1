package io.tideway.verifier.ledger;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.digest.DigestVersion;
import io.tideway.contracts.payload.LoadReceipt;
import io.tideway.verifier.reconcile.DigestBasis;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loader's side of each file: receipts summed per file, each offset of a (topic, partition)
 * counted once: a receipt delivered twice, or one whose offsets other receipts already cover
 * entirely, is not counted again. One that covers some counted offsets and some new ones cannot be
 * split (its counts are per file, not per offset): it is counted and the overlap logged at WARN,
 * since it means the loader receipted those offsets twice and the file will show too many.
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

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptLedger.class);

  private final Map<String, OffsetCoverage> coverage = new HashMap<>();
  private final Map<String, Sum> byFile = new HashMap<>();

  /** Adds a receipt; returns false (and changes nothing) when its offsets were already counted. */
  public boolean accept(LoadReceipt receipt) {
    OffsetCoverage covered =
        coverage.computeIfAbsent(
            receipt.topic() + "/" + receipt.partition(), k -> new OffsetCoverage());
    long from = receipt.fromOffset();
    long to = Math.max(from, receipt.toOffset());
    if (covered.covers(from, to)) {
      return false;
    }
    if (covered.overlaps(from, to)) {
      LOG.warn(
          "load receipt {} covers offsets other receipts already counted: the loader receipted"
              + " them twice",
          receipt.key());
    }
    covered.add(from, to);
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
