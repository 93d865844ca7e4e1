package io.tideway.contracts.mapping;

import java.util.List;

/**
 * A field computed from other target fields after cleaning.
 *
 * @param function {@code days_between} (from[0] to from[1], two dates, int result)
 * @param from the target paths the function reads
 */
public record DerivedField(String target, String function, List<String> from) {}
