package io.tideway.verifier.ledger;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.contracts.payload.IntegrityEvent;
import java.util.List;
import java.util.Map;

/**
 * One page of the files list, newest first: how many match in all, the page asked for, its files,
 * and how many files are in each status (all files, for the summary).
 */
public record FilePage(
    long total, int page, int size, List<IntegrityEvent> items, Map<FileStatus, Long> counts) {}
