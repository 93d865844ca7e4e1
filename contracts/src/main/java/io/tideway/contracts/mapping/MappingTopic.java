package io.tideway.contracts.mapping;

import io.tideway.contracts.payload.MappingVersion;
import java.time.Duration;
import java.util.List;

/**
 * The mappings topic as a catalogue sees it: read to its end into the catalogue, and where new
 * versions are published. The runtime's {@code MappingFeed} is the implementation; contracts only
 * name it, so that they need no Kafka client.
 */
public interface MappingTopic extends AutoCloseable {

  /** What a publish did: the version the text is, and whether this call created it. */
  record Published(MappingVersion version, boolean created) {}

  /** The catalogue this topic fills. */
  MappingCatalog catalog();

  /** Whether the topic was read up to its end offsets of when reading began, within timeout. */
  boolean awaitCaughtUp(Duration timeout);

  /**
   * Publishes {@code yaml} as the next version of the mapping it defines, unless it already is the
   * latest (or, for a {@code seed}, any earlier version); returns once the version was read back.
   * The text is validated first: a {@link MappingException} naming {@code source} and the line, and
   * nothing published.
   */
  Published publish(String yaml, String source, String origin, boolean seed, Duration timeout);

  /**
   * Publishes the catalogue's built-in and mapping-dir texts whose content is no version yet;
   * returns what it published.
   */
  List<MappingVersion> publishSeeds(Duration timeout);

  /** Stops reading and publishing. */
  @Override
  void close();
}
