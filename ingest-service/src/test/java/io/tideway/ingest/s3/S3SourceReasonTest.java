package io.tideway.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** What an operator reads when a poll of the S3 source fails: no Java class names. */
class S3SourceReasonTest {

  @Test
  void aFailedPollSaysWhichEndpointAndWhyInWords() {
    S3SourceConfig config = config("http://127.0.0.1:9000");
    Object[][] cases = {
      {ApiCallTimeoutException.create(10_000), "http://127.0.0.1:9000 did not answer within 10 s"},
      {
        SdkClientException.create("Unable to execute HTTP request: Connection refused"),
        "http://127.0.0.1:9000: Unable to execute HTTP request: Connection refused"
      },
      {new IllegalStateException(), "http://127.0.0.1:9000: IllegalStateException"},
    };
    for (Object[] c : cases) {
      assertThat(S3Source.reason((Exception) c[0], config)).isEqualTo(c[1]);
    }
    assertThat(S3Source.reason(SdkClientException.create("Access Denied"), config(null)))
        .isEqualTo("S3: Access Denied");
  }

  /** An S3-compatible endpoint with static keys, path-style, timeouts of 10 s. */
  static S3SourceConfig config(String endpoint) {
    return new S3SourceConfig(
        true,
        null,
        "",
        endpoint,
        "us-east-1",
        true,
        "access",
        "secret",
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }
}
