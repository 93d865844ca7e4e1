package io.tideway.ingest.s3;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of the optional S3 source, under {@code tideway.ingest.s3}.
 *
 * @param enabled Poll the bucket at all (env TIDEWAY_S3_ENABLED).
 * @param bucket Bucket to poll (env TIDEWAY_S3_BUCKET).
 * @param prefix Key prefix; {@code <prefix><name>} uses the default mapping, {@code
 *     <prefix><mapping>/<name>} that mapping.
 * @param endpoint Endpoint override for S3-compatible stores, e.g. {@code http://localhost:9000};
 *     empty = AWS.
 * @param region Signing region.
 * @param pathStyle Path-style addressing ({@code endpoint/bucket/key}), needed by most
 *     S3-compatible stores.
 * @param accessKey Static access key; empty = the SDK's default credential chain.
 * @param secretKey Static secret key, with {@code access-key}.
 * @param pollInterval How often the bucket is listed.
 * @param requestTimeout How long a listing may take, and a download may go without a byte, before
 *     the poll counts as failed (a frozen endpoint accepts connections and answers nothing).
 */
@ConfigurationProperties(S3SourceConfig.PREFIX)
public record S3SourceConfig(
    @Bindable(defaultValue = "false") boolean enabled,
    @Nullable String bucket,
    @Bindable(defaultValue = "") String prefix,
    @Nullable String endpoint,
    @Bindable(defaultValue = "us-east-1") String region,
    @Bindable(defaultValue = "true") boolean pathStyle,
    @Nullable String accessKey,
    @Nullable String secretKey,
    @Bindable(defaultValue = "10s") Duration pollInterval,
    @Bindable(defaultValue = "10s") Duration requestTimeout) {

  public static final String PREFIX = "tideway.ingest.s3";

  public S3SourceConfig {
    prefix = prefix == null ? "" : prefix;
  }
}
