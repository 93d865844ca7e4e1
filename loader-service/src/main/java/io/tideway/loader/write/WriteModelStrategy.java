package io.tideway.loader.write;

import com.mongodb.client.model.WriteModel;
import org.bson.BsonDocument;

/**
 * How one cleaned document becomes one bulk-write operation. Every strategy must be idempotent and
 * must leave a document another file stored first untouched (its {@code _source} stays the first
 * file).
 */
public interface WriteModelStrategy {

  WriteModel<BsonDocument> createWriteModel(LoadDocument document);
}
