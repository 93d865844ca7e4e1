package io.tideway.loader.write;

import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;

/**
 * {@code replaceOne} upsert by {@code _id}. NOTE: the filter also pins {@code _source.file_id}: a
 * plain by-{@code _id} replace would let a later file overwrite the first file's {@code _source};
 * with the pin, a document stored by another file makes the upsert's insert fail with E11000, which
 * is then classified as matched exactly like the insert strategy does.
 */
public final class ReplaceUpsertStrategy implements WriteModelStrategy {

  private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

  @Override
  public WriteModel<BsonDocument> createWriteModel(LoadDocument document) {
    String sourceFile = LoadDocument.sourceFileId(document.document());
    // A flat filter (not $and) so that servers, mongo-java-server included, look the _id up in its
    // index.
    BsonDocument filter =
        new BsonDocument("_id", document.id())
            .append(
                "_source.file_id",
                sourceFile == null ? BsonNull.VALUE : new BsonString(sourceFile));
    return new ReplaceOneModel<>(filter, document.document(), UPSERT);
  }
}
