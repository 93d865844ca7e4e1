package io.tideway.loader.admin;

import io.tideway.contracts.admin.AdminToken;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.loader.config.LoaderConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operator rollback: deletes every document a file brought ({@code _source.file_id}), bearer-token protected. */
@Controller("/api/files")
public class FileRollbackController {

  private static final Logger LOG = LoggerFactory.getLogger(FileRollbackController.class);

  private final MongoClient mongo;
  private final MappingCatalog catalog;
  private final LoaderConfig config;
  private final RollbackAnnouncer announcer;

  public FileRollbackController(MongoClient mongo, MappingCatalog catalog, LoaderConfig config,
      RollbackAnnouncer announcer) {
    this.mongo = mongo;
    this.catalog = catalog;
    this.config = config;
    this.announcer = announcer;
  }

  @Delete("/{fileId}/documents")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> rollback(@PathVariable String fileId,
      @Nullable @Header("Authorization") String authorization) {
    if (!authorised(authorization)) {
      return HttpResponse.<Map<String, Object>>status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", "a valid bearer token (TIDEWAY_ADMIN_TOKEN) is required"));
    }
    long deleted = 0;
    String fileName = null;
    String mapping = null;
    Set<String> seen = new HashSet<>();
    for (Mapping m : catalog.all()) {
      String ns = m.target().database() + "." + m.target().collection();
      if (seen.add(ns)) {
        MongoCollection<BsonDocument> collection = mongo.getDatabase(m.target().database())
            .getCollection(m.target().collection(), BsonDocument.class);
        BsonDocument sample = collection.find(Filters.eq("_source.file_id", fileId))
            .projection(Projections.include("_source.file_name")).first();
        if (sample != null && fileName == null) {
          // The documents name their file; the mapping is the one whose collection held them.
          BsonDocument source = sample.getDocument("_source", new BsonDocument());
          fileName = source.isString("file_name") ? source.getString("file_name").getValue() : null;
          mapping = m.name();
        }
        deleted += collection.deleteMany(Filters.eq("_source.file_id", fileId)).getDeletedCount();
      }
    }
    LOG.info("rollback of file {}: {} documents deleted", fileId, deleted);
    try {
      announcer.announce(fileId, fileName, mapping, deleted);
    } catch (Exception e) {
      LOG.warn("rollback of file {}: documents deleted but the ROLLED_BACK event could not be published: {}",
          fileId, e.toString());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("file_id", fileId);
      body.put("deleted", deleted);
      body.put("error", "documents deleted, but the ROLLED_BACK event could not be published to Kafka ("
          + e.getClass().getSimpleName() + "); run the rollback again once Kafka is reachable");
      return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file_id", fileId);
    body.put("deleted", deleted);
    return HttpResponse.ok(body);
  }

  private boolean authorised(String authorization) {
    return AdminToken.authorises(config.getAdminToken(), authorization);
  }

}
