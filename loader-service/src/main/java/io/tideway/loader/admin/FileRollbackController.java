package io.tideway.loader.admin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.runtime.config.AdminAccess;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator rollback: deletes every document a file brought ({@code _source.file_id}), bearer-token
 * protected; an id with no documents that ingest never announced is refused (404), nothing
 * announced.
 */
@Controller("/api/files")
public class FileRollbackController {

  private static final Logger LOG = LoggerFactory.getLogger(FileRollbackController.class);

  private static final Duration ANNOUNCED_TIMEOUT = Duration.ofSeconds(30);

  private final MongoClient mongo;
  private final MappingCatalog catalog;
  private final AdminAccess admin;
  private final RollbackAnnouncer announcer;
  private final AnnouncedFiles announced;

  public FileRollbackController(
      MongoClient mongo,
      MappingCatalog catalog,
      AdminAccess admin,
      RollbackAnnouncer announcer,
      AnnouncedFiles announced) {
    this.mongo = mongo;
    this.catalog = catalog;
    this.admin = admin;
    this.announcer = announcer;
    this.announced = announced;
  }

  @Delete("/{fileId}/documents")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> rollback(
      @PathVariable String fileId, @Nullable @Header("Authorization") String authorization) {
    if (!authorised(authorization)) {
      return HttpResponse.<Map<String, Object>>status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", "a valid bearer token (TIDEWAY_ADMIN_TOKEN) is required"));
    }
    // Per collection (several mappings may share one), the first mapping that writes to it.
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
      Optional<HttpResponse<Map<String, Object>>> refusal = refuseUnannounced(fileId);
      if (refusal.isPresent()) {
        return refusal.get();
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
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("file_id", fileId);
      body.put("deleted", deleted);
      body.put(
          "error",
          "documents deleted, but the ROLLED_BACK event could not be published to Kafka ("
              + e.getClass().getSimpleName()
              + "); run the rollback again once Kafka is reachable");
      return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file_id", fileId);
    body.put("deleted", deleted);
    return HttpResponse.ok(body);
  }

  /**
   * Empty when ingest announced the file; else 404 (never announced) or 503 (Kafka did not answer).
   */
  private Optional<HttpResponse<Map<String, Object>>> refuseUnannounced(String fileId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file_id", fileId);
    body.put("deleted", 0);
    try {
      if (announced.contains(fileId, ANNOUNCED_TIMEOUT)) {
        return Optional.empty();
      }
    } catch (IllegalStateException e) {
      LOG.warn(
          "rollback of file {} refused: cannot tell whether ingest announced it: {}",
          LogSafe.of(fileId),
          e.getMessage());
      body.put(
          "error",
          "file "
              + fileId
              + " has no documents in MongoDB and the files topic could not be read to"
              + " check the id ("
              + e.getMessage()
              + "); nothing was deleted, try again once Kafka is reachable");
      return Optional.of(
          HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body));
    }
    LOG.info(
        "rollback of file {} refused: no documents and never announced on the files topic",
        LogSafe.of(fileId));
    body.put(
        "error",
        "unknown file id "
            + fileId
            + ": no documents in MongoDB and no file of that id on the"
            + " files topic; nothing was deleted or announced. Check the id with GET /api/files on the verifier");
    return Optional.of(HttpResponse.<Map<String, Object>>status(HttpStatus.NOT_FOUND).body(body));
  }

  private boolean authorised(String authorization) {
    return admin.authorises(authorization);
  }
}
