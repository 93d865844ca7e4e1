package io.tideway.verifier.lag;

import java.time.Instant;

/** One observation of a partition: the group's committed offset and its lag behind the log end. */
public record LagSample(long offset, long lag, Instant at) {}
