package io.tideway.contracts.health;

import java.time.Instant;

/**
 * Whether a place files come from can be read: the inbox (writable) or an S3 bucket (reachable), as
 * ingest's /health reports it under {@code sources} and the verifier's {@code GET /api/health}
 * shows it.
 *
 * @param source the inbox path or {@code s3://bucket/prefix}
 * @param reason why it is not UP; null when UP
 * @param lastSuccessfulPoll when the source was last read (or found writable) without error; null
 *     until then
 */
public record SourceHealth(
    String source, HealthState state, String reason, Instant lastSuccessfulPoll) {}
