package io.tideway.verifier.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** The store marker in MongoDB, read and written with a short client-side timeout. */
public final class MongoStoreMarker implements StoreMarker {

  static final String COLLECTION = "tideway_meta";
  static final String ID = "store";

  private final MongoCollection<Document> meta;

  /**
   * The marker lives in {@code database} (the default mapping's), bounded by {@code timeout} per
   * operation.
   */
  public MongoStoreMarker(MongoClient client, String database, Duration timeout) {
    this.meta =
        client
            .getDatabase(database)
            .getCollection(COLLECTION)
            .withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<String> read() {
    Document d = meta.find(Filters.eq("_id", ID)).first();
    return Optional.ofNullable(d).map(m -> m.getString("marker"));
  }

  @Override
  public String writeIfAbsent(String id) {
    try {
      meta.insertOne(
          new Document("_id", ID)
              .append("marker", id)
              .append("written_at", new Date())
              .append("written_by", "tideway-verifier"));
      return id;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return read().orElseThrow(() -> e);
    }
  }
}
