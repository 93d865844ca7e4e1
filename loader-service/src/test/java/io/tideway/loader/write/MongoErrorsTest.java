package io.tideway.loader.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;

class MongoErrorsTest {

  @Test
  void unreachableServerAndTransientCodesAreRetryable() {
    assertThat(MongoErrors.isRetryable(new MongoTimeoutException("no server"))).isTrue();
    assertThat(MongoErrors.isRetryable(new MongoSocketReadException("closed", new ServerAddress())))
        .isTrue();
    assertThat(MongoErrors.isRetryable(new MongoException(91, "shutting down"))).isTrue();
    assertThat(
            MongoErrors.isRetryable(
                new RuntimeException("wrapped", new MongoTimeoutException("x"))))
        .isTrue();
  }

  @Test
  void refusalsAndDuplicatesAreNot() {
    assertThat(MongoErrors.isRetryable(new MongoException(2, "bad value"))).isFalse();
    assertThat(MongoErrors.isDuplicateKey(11000)).isTrue();
    assertThat(MongoErrors.isDuplicateKey(2)).isFalse();
  }

  @Test
  void descriptionsAreShortAndNameTheType() {
    String d = MongoErrors.describe(new MongoException(1, "x".repeat(1000)));
    assertThat(d).startsWith("MongoException: ").hasSizeLessThan(340);
  }
}
