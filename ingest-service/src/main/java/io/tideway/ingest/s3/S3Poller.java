package io.tideway.ingest.s3;

import io.tideway.contracts.log.LogSafe;
import io.tideway.ingest.inbox.InboxRules;
import io.tideway.ingest.inbox.WorkDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists {@code bucket/prefix} and copies each new object (key + ETag not seen before) into the
 * inbox, {@code <prefix><mapping>/<name>} into {@code inbox/<mapping>/<name>}; from there the usual
 * inbox path claims and ingests it, its file events naming {@code s3://bucket/key} as their source
 * (an origin sidecar travels with the claim). The object is recorded as seen only after it landed
 * whole in the inbox (under a dot-name first, then renamed), so a crash never loses one.
 */
public final class S3Poller {

  private static final Logger LOG = LoggerFactory.getLogger(S3Poller.class);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final Path inbox;
  private final SeenObjects seen;
  private final Duration listTimeout;

  public S3Poller(S3Client s3, String bucket, String prefix, Path inbox, Path seenFile)
      throws IOException {
    this(s3, bucket, prefix, inbox, seenFile, Duration.ofSeconds(10));
  }

  /**
   * A poller whose listing fails after {@code listTimeout}, retries included (a download is bound
   * by the client's socket timeout instead: a large object may take longer than that).
   */
  public S3Poller(
      S3Client s3, String bucket, String prefix, Path inbox, Path seenFile, Duration listTimeout)
      throws IOException {
    this.listTimeout = listTimeout;
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.inbox = inbox;
    this.seen = new SeenObjects(seenFile);
  }

  /** One poll; returns the inbox paths of the objects fetched. */
  public List<Path> pollOnce() throws IOException {
    List<Path> fetched = new ArrayList<>();
    ListObjectsV2Request request =
        ListObjectsV2Request.builder()
            .bucket(bucket)
            .prefix(prefix)
            .overrideConfiguration(c -> c.apiCallTimeout(listTimeout))
            .build();
    for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
      Path target = targetOf(object.key());
      if (target == null || seen.contains(bucket, object.key(), object.eTag())) {
        continue;
      }
      if (Files.exists(target)) {
        // A namesake still waits in the inbox: fetch this one once it is gone.
        continue;
      }
      fetch(object, target);
      seen.add(bucket, object.key(), object.eTag());
      fetched.add(target);
      LOG.info(
          "fetched s3://{}/{} (etag {}) into {}",
          bucket,
          LogSafe.of(object.key()),
          LogSafe.of(object.eTag()),
          LogSafe.of(target));
    }
    return fetched;
  }

  /** Where an object goes in the inbox, or null when its key is not one ingest takes. */
  Path targetOf(String key) {
    String rel = key.substring(prefix.length());
    String[] parts = rel.split("/", -1);
    if (parts.length == 1 && InboxRules.isCandidate(parts[0])) {
      return inbox.resolve(parts[0]);
    }
    if (parts.length == 2
        && InboxRules.isMappingFolder(parts[0])
        && InboxRules.isCandidate(parts[1])) {
      return inbox.resolve(parts[0]).resolve(parts[1]);
    }
    return null;
  }

  private void fetch(S3Object object, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling("." + target.getFileName() + ".s3.part");
    GetObjectRequest get =
        GetObjectRequest.builder().bucket(bucket).key(object.key()).ifMatch(object.eTag()).build();
    try (InputStream in = s3.getObject(get)) {
      Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
    }
    // The origin goes first, so that the file events of the claimed file name the object, not the
    // inbox.
    Files.writeString(
        WorkDir.originOf(target), "s3://" + bucket + "/" + object.key(), StandardCharsets.UTF_8);
    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
