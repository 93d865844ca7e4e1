package io.tideway.ingest.config;

import io.micronaut.context.annotation.Factory;
import io.tideway.ingest.inbox.IdRegistry;
import jakarta.inject.Singleton;
import java.io.IOException;

/** The ingest objects shared by the worker and the replay endpoint. */
@Factory
public class IngestFactory {

  /** One registry of handed-out file ids for ingest and replays alike. */
  @Singleton
  IdRegistry idRegistry(IngestConfig config) throws IOException {
    return new IdRegistry(config.idsDir());
  }
}
