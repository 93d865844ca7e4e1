package io.tideway.loader.write;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.bulk.BulkWriteError;
import java.util.Set;

/** Which MongoDB failures are worth retrying (the server will come back) and which are final. */
public final class MongoErrors {

  /** E11000 and its legacy variants: the document is already present. */
  private static final Set<Integer> DUPLICATE_KEY = Set.of(11000, 11001, 12582);

  /** Codes MongoDB documents as transient (network, elections, shutdown, time limits). */
  private static final Set<Integer> RETRYABLE =
      Set.of(
          6, 7, 46, 63, 89, 91, 112, 134, 150, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436);

  private MongoErrors() {}

  public static boolean isDuplicateKey(int code) {
    return DUPLICATE_KEY.contains(code);
  }

  public static boolean isRetryableCode(int code) {
    return RETRYABLE.contains(code);
  }

  /**
   * True when the same operation may succeed later: unreachable server, elections, transient codes.
   */
  public static boolean isRetryable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MongoSocketException
          || t instanceof MongoTimeoutException
          || t instanceof MongoNotPrimaryException
          || t instanceof MongoNodeIsRecoveringException
          || t instanceof MongoWriteConcernException) {
        return true;
      }
      if (t instanceof MongoBulkWriteException bulk) {
        return bulk.getWriteConcernError() != null
            || bulk.getWriteErrors().stream()
                .map(BulkWriteError::getCode)
                .anyMatch(RETRYABLE::contains);
      }
      if (t instanceof MongoException m) {
        if (m.hasErrorLabel("RetryableWriteError")
            || m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
            || RETRYABLE.contains(m.getCode())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A one-line description for logs and health: type and code, no document content. */
  public static String describe(Throwable error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    return error.getClass().getSimpleName() + ": " + message;
  }
}
