package io.tideway.ingest.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.ingest.inbox.IdRegistry;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.pipeline.FileIngestor;
import io.tideway.ingest.pipeline.IngestMetrics;
import io.tideway.ingest.pipeline.StopFlag;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The ingest objects: the worker's (work dir, file reader, metrics) and those it shares with
 * replays.
 */
@Factory
public class IngestFactory {

  /** One registry of handed-out file ids for ingest and replays alike. */
  @Singleton
  IdRegistry idRegistry(IngestConfig config) throws IOException {
    return new IdRegistry(config.idsDir());
  }

  @Singleton
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  /** The work dir: claimed files in processing/, then archive/ or error/. */
  @Singleton
  WorkDir workDir(IngestConfig config) throws IOException {
    return new WorkDir(Path.of(config.getWorkDir()).toAbsolutePath().normalize());
  }

  /**
   * Reads claimed files into Kafka transactions; learns the committed checkpoints and archived ids
   * each time the worker connects.
   */
  @Singleton
  FileIngestor fileIngestor(
      WorkDir workDir,
      MappingCatalog catalog,
      IngestConfig config,
      IdRegistry ids,
      IngestMetrics metrics,
      StopFlag stopping) {
    return new FileIngestor(
        workDir,
        catalog,
        config.csvFormat(),
        config.getTransactionRows(),
        config.getProgressEvery(),
        ids,
        metrics,
        stopping,
        config.inferredMappings());
  }
}
