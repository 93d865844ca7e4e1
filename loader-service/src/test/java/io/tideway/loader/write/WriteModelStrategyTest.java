package io.tideway.loader.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import io.tideway.loader.support.CleanedDocs;
import org.apache.kafka.common.TopicPartition;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class WriteModelStrategyTest {

  private final BsonDocument doc = CleanedDocs.doc("k", "F1", 3);
  private final LoadDocument load =
      new LoadDocument(
          new TopicPartition("t", 0), 5, "F1", new Namespace("tideway", "admissions"), doc);

  @Test
  void insertStrategyInsertsTheDocumentAsIs() {
    var model = WriteModelKind.INSERT_IGNORE_DUPLICATES.strategy().createWriteModel(load);
    assertThat(model).isInstanceOf(InsertOneModel.class);
    assertThat(((InsertOneModel<BsonDocument>) model).getDocument()).isSameAs(doc);
  }

  @Test
  void replaceStrategyUpsertsByIdPinnedToTheFirstFile() {
    var model =
        (ReplaceOneModel<BsonDocument>)
            WriteModelKind.REPLACE_UPSERT.strategy().createWriteModel(load);
    assertThat(model.getReplaceOptions().isUpsert()).isTrue();
    assertThat(model.getReplacement()).isSameAs(doc);
    assertThat((BsonDocument) model.getFilter())
        .isEqualTo(
            new BsonDocument("_id", doc.get("_id"))
                .append("_source.file_id", new BsonString("F1")));
  }

  @Test
  void loadDocumentReadsItsSourceWhateverTheRowType() {
    assertThat(load.row()).isEqualTo(3);
    assertThat(load.fileName()).isEqualTo("F1.csv");
    assertThat(LoadDocument.sourceFileId(new BsonDocument())).isNull();
    assertThat(LoadDocument.sourceRow(new BsonDocument())).isEqualTo(-1);
  }
}
