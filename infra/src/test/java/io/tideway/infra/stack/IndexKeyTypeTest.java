package io.tideway.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTest {

  private static final IndexKeyType TYPE = IndexKeyType.INSTANCE;

  private static KeyValue roundTrip(KeyValue key) {
    WriteBuffer out = new WriteBuffer();
    TYPE.write(out, key);
    ByteBuffer in = out.getBuffer();
    in.flip();
    KeyValue read = TYPE.read(in);
    assertThat(in.remaining()).as("bytes left after reading " + key).isZero();
    return read;
  }

  @Test
  void everyKindOfKeyReadsBackEqual() {
    for (KeyValue key :
        List.of(
            new KeyValue("6f1d0c5a9e2b4c7d8a0b1c2d3e4f5a6b"),
            new KeyValue("äöü ∑ 😀"),
            new KeyValue(""),
            new KeyValue(42),
            new KeyValue(42L, "x"),
            new KeyValue(new ObjectId()),
            new KeyValue(new Document("a", 1).append("b", "c")),
            new KeyValue(Missing.getInstance()),
            new KeyValue(Missing.getInstance(), "y"))) {
      KeyValue read = roundTrip(key);
      assertThat(read).as(key.toString()).isEqualTo(key);
      assertThat(TYPE.compare(read, key)).as(key.toString()).isZero();
    }
  }

  @Test
  void differentKeysNeverCompareEqualAndTheOrderIsConsistent() {
    List<KeyValue> keys =
        List.of(
            new KeyValue("a"),
            new KeyValue("b"),
            new KeyValue("ab"),
            new KeyValue(1),
            new KeyValue(2),
            new KeyValue(1L),
            new KeyValue("a", "b"),
            new KeyValue(Missing.getInstance()),
            new KeyValue(new Document("a", 1)),
            new KeyValue(new Document("a", 2)));
    for (KeyValue a : keys) {
      for (KeyValue b : keys) {
        int ab = TYPE.compare(a, b);
        assertThat(ab == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
        assertThat(Integer.signum(ab))
            .as(a + " vs " + b)
            .isEqualTo(-Integer.signum(TYPE.compare(b, a)));
      }
    }
  }
}
