package io.tideway.cleaner.streams;

import io.tideway.contracts.payload.CleanStats;
import io.tideway.contracts.payload.QualityReport;

/** One publication of a (file, partition)'s counters: its clean-stats and quality records. */
public record Published(CleanStats stats, QualityReport quality) {}
