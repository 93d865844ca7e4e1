package io.tideway.loader.write;

import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.BsonDocument;

/**
 * Plain insert; a duplicate-key error (E11000) means the document is already present and is
 * classified afterwards, so a replay never overwrites the first file's {@code _source}.
 */
public final class InsertIgnoreDuplicatesStrategy implements WriteModelStrategy {

  @Override
  public WriteModel<BsonDocument> createWriteModel(LoadDocument document) {
    return new InsertOneModel<>(document.document());
  }
}
