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
    S3SourceConfig config = new S3SourceConfig();
    config.setEndpoint("http://127.0.0.1:9000");
    config.setRequestTimeout(Duration.ofSeconds(10));
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
    config.setEndpoint(null);
    assertThat(S3Source.reason(SdkClientException.create("Access Denied"), config))
        .isEqualTo("S3: Access Denied");
  }
}
