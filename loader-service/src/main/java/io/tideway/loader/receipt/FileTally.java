package io.tideway.loader.receipt;

import io.tideway.contracts.digest.ContentDigest;
import io.tideway.contracts.payload.LoadReceipt;
import org.bson.BsonDocument;

/** Running counts of one file within one partition of one batch. */
final class FileTally {

  private long inserted;
  private long matched;
  private long failed;
  private final ContentDigest matchedDigest = new ContentDigest();

  void inserted() {
    inserted++;
  }

  void matched(BsonDocument incoming) {
    matched++;
    matchedDigest.add(incoming);
  }

  void failed() {
    failed++;
  }

  LoadReceipt.FileLoad toFileLoad() {
    return new LoadReceipt.FileLoad(inserted, matched, failed, matchedDigest.hex());
  }
}
