package io.tideway.infra.stack;

import de.bwaldvogel.mongo.bson.Document;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The BSON bytes each document of the insert being handled arrived in, kept by {@link
 * StoreRequests} for the collection that stores it ({@link IndexedMemoryCollection}), which keeps
 * them instead of encoding the decoded document again. A request is decoded and handled on one
 * worker thread before the next is decoded there, so the bytes are that thread's. A store that
 * takes none (on disk) leaves them to be forgotten at the next request.
 */
final class ArrivedBytes {

  private static final ThreadLocal<Map<Document, byte[]>> CURRENT =
      ThreadLocal.withInitial(IdentityHashMap::new);

  private ArrivedBytes() {}

  /** Forgets the previous request's documents. */
  static void clear() {
    CURRENT.get().clear();
  }

  /** Keeps {@code bson} as the bytes {@code document} was decoded from. */
  static void keep(Document document, byte[] bson) {
    CURRENT.get().put(document, bson);
  }

  /** The bytes {@code document} arrived in, once, or null when it did not arrive as one. */
  static byte[] take(Document document) {
    return CURRENT.get().remove(document);
  }
}
