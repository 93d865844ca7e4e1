package io.tideway.verifier.ledger;

import io.tideway.contracts.mapping.Mapping;

/**
 * The mapping of a name: where its documents are stored and the shape they must have; throws when
 * unknown.
 */
@FunctionalInterface
public interface MappingResolver {

  Mapping resolve(String mapping);
}
