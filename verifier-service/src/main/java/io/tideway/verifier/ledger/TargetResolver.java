package io.tideway.verifier.ledger;

import io.tideway.contracts.mapping.Mapping;

/** Where a mapping's documents are stored; throws when the mapping is unknown. */
@FunctionalInterface
public interface TargetResolver {

  Mapping.Target resolve(String mapping);
}
