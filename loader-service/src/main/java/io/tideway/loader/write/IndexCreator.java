package io.tideway.loader.write;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Indexes;
import io.tideway.contracts.mapping.Mapping;
import io.tideway.contracts.mapping.MappingCatalog;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, ascending, the indexes each mapping declares on its target collection (idempotent). */
public final class IndexCreator {

  private static final Logger LOG = LoggerFactory.getLogger(IndexCreator.class);

  private final MongoClient client;
  private final MappingCatalog catalog;

  public IndexCreator(MongoClient client, MappingCatalog catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  /** Throws the driver's exception when MongoDB is unreachable; the caller retries. */
  public void createAll() {
    for (Mapping mapping : catalog.all()) {
      Namespace ns = new Namespace(mapping.target().database(), mapping.target().collection());
      var collection =
          client.getDatabase(ns.database()).getCollection(ns.collection(), BsonDocument.class);
      for (String path : mapping.indexes()) {
        String name = collection.createIndex(Indexes.ascending(path));
        LOG.info("index {} on {} (mapping {})", name, ns, mapping.name());
      }
    }
  }
}
