package io.tideway.loader.admin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes every document a file brought ({@code _source.file_id}, in every mapping's collection)
 * and announces ROLLED_BACK on the files topic. An id with no documents that ingest never announced
 * is refused with nothing deleted and nothing announced: a typo must not become a rolled-back file.
 */
@Singleton
public class FileRollback {

  private static final Logger LOG = LoggerFactory.getLogger(FileRollback.class);

  private static final Duration ANNOUNCED_TIMEOUT = Duration.ofSeconds(30);

  /** What a rollback came to. */
  public sealed interface Outcome {

    /** The file's id. */
    String fileId();

    /** Documents deleted (0 when refused). */
    long deleted();

    /** Deleted and announced. */
    record RolledBack(String fileId, long deleted) implements Outcome {}

    /** No documents, and ingest never announced the id: nothing deleted or announced. */
    record Unknown(String fileId, long deleted) implements Outcome {}

    /** No documents, and the files topic could not be read to tell whether the id is real. */
    record Unverifiable(String fileId, long deleted, String reason) implements Outcome {}

    /** Deleted, but ROLLED_BACK could not be published: the rollback must be run again. */
    record NotAnnounced(String fileId, long deleted, String reason) implements Outcome {}
  }

  private final MongoClient mongo;
  private final MappingCatalog catalog;
  private final RollbackAnnouncer announcer;
  private final AnnouncedFiles announced;

  public FileRollback(
      MongoClient mongo,
      MappingCatalog catalog,
      RollbackAnnouncer announcer,
      AnnouncedFiles announced) {
    this.mongo = mongo;
    this.catalog = catalog;
    this.announcer = announcer;
    this.announced = announced;
  }

  /** Rolls {@code fileId} back. */
  public Outcome rollBack(String fileId) {
    Map<String, MongoCollection<BsonDocument>> collections = collections();
    String fileName = null;
    String mapping = null;
    for (Map.Entry<String, MongoCollection<BsonDocument>> c : collections.entrySet()) {
      BsonDocument sample =
          c.getValue()
              .find(Filters.eq("_source.file_id", fileId))
              .projection(Projections.include("_source.file_name"))
              .first();
      if (sample != null) {
        // The documents name their file; the mapping is the one whose collection held them.
        BsonDocument source = sample.getDocument("_source", new BsonDocument());
        fileName = source.isString("file_name") ? source.getString("file_name").getValue() : null;
        mapping = c.getKey();
        break;
      }
    }
    if (mapping == null) {
      // No documents: a real file may still have none (all its rows duplicates); an id nobody
      // announced is refused.
      try {
        if (!announced.contains(fileId, ANNOUNCED_TIMEOUT)) {
          LOG.info(
              "rollback of file {} refused: no documents and never announced on the files topic",
              LogSafe.of(fileId));
          return new Outcome.Unknown(fileId, 0);
        }
      } catch (IllegalStateException e) {
        LOG.warn(
            "rollback of file {} refused: cannot tell whether ingest announced it: {}",
            LogSafe.of(fileId),
            e.getMessage());
        return new Outcome.Unverifiable(fileId, 0, e.getMessage());
      }
    }
    long deleted = 0;
    for (MongoCollection<BsonDocument> collection : collections.values()) {
      deleted += collection.deleteMany(Filters.eq("_source.file_id", fileId)).getDeletedCount();
    }
    LOG.info("rollback of file {}: {} documents deleted", LogSafe.of(fileId), deleted);
    try {
      announcer.announce(fileId, fileName, mapping, deleted);
    } catch (Exception e) {
      LOG.warn(
          "rollback of file {}: documents deleted but the ROLLED_BACK event could not be published: {}",
          LogSafe.of(fileId),
          e.toString());
      return new Outcome.NotAnnounced(fileId, deleted, e.getClass().getSimpleName());
    }
    return new Outcome.RolledBack(fileId, deleted);
  }

  /** Per collection (several mappings may share one), the first mapping that writes to it. */
  private Map<String, MongoCollection<BsonDocument>> collections() {
    Map<String, MongoCollection<BsonDocument>> collections = new LinkedHashMap<>();
    Set<String> namespaces = new HashSet<>();
    for (Mapping m : catalog.all()) {
      if (namespaces.add(m.target().database() + "." + m.target().collection())) {
        collections.put(
            m.name(),
            mongo
                .getDatabase(m.target().database())
                .getCollection(m.target().collection(), BsonDocument.class));
      }
    }
    return collections;
  }
}
