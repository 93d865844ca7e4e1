package io.tideway.contracts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

  private static final BsonDocument A = BsonDocument.parse("{_id: 'a', p: {n: 'x', age: 3}, m: {$numberDecimal: '1.50'}}");
  private static final BsonDocument B = BsonDocument.parse("{_id: 'b', p: {n: 'y', age: 4}}");

  @Test
  void isIndependentOfDocumentOrderAndKeyOrder() {
    BsonDocument aReordered = BsonDocument.parse("{m: {$numberDecimal: '1.50'}, p: {age: 3, n: 'x'}, _id: 'a'}");
    assertThat(new ContentDigest().add(A).add(B).hex()).isEqualTo(new ContentDigest().add(B).add(aReordered).hex());
  }

  @Test
  void distinguishesTypesAndValues() {
    BsonDocument int32 = new BsonDocument("v", new BsonInt32(1));
    BsonDocument int64 = new BsonDocument("v", new BsonInt64(1));
    assertThat(ContentDigest.hash(int32)).isNotEqualTo(ContentDigest.hash(int64));
    BsonDocument scale = BsonDocument.parse("{_id: 'a', p: {n: 'x', age: 3}, m: {$numberDecimal: '1.5'}}");
    assertThat(ContentDigest.hash(A)).isNotEqualTo(ContentDigest.hash(scale));
  }

  @Test
  void sumsCombineAndSubtract() {
    String ab = new ContentDigest().add(A).add(B).hex();
    String a = new ContentDigest().add(A).hex();
    String b = new ContentDigest().add(B).hex();
    assertThat(ContentDigest.plus(a, b)).isEqualTo(ab);
    assertThat(new ContentDigest().addDigest(ab).subtractDigest(b).hex()).isEqualTo(a);
    assertThat(ContentDigest.format(ContentDigest.parse(ab))).isEqualTo(ab);
  }

  @Test
  void documentIdIsStableAndLengthPrefixed() {
    assertThat(DocumentId.of(List.of("ab", "c"))).isEqualTo(DocumentId.of(List.of("ab", "c")))
        .matches("[0-9a-f]{32}")
        .isNotEqualTo(DocumentId.of(List.of("a", "bc")));
  }
}
