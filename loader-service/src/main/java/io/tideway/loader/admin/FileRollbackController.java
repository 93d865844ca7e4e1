package io.tideway.loader.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.runtime.http.OperatorOnly;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /api/files/{id}/documents}: the operator's rollback of a file ({@link
 * FileRollback}), an {@link OperatorOnly} route; answers {@code {file_id, deleted[, error]}}.
 */
@Controller("/api/files")
public class FileRollbackController {

  private final FileRollback rollback;

  public FileRollbackController(FileRollback rollback) {
    this.rollback = rollback;
  }

  @OperatorOnly
  @Delete("/{fileId}/documents")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> rollback(@PathVariable String fileId) {
    FileRollback.Outcome outcome = rollback.rollBack(fileId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("file_id", fileId);
    body.put("deleted", outcome.deleted());
    HttpStatus status = HttpStatus.OK;
    if (outcome instanceof FileRollback.Outcome.Unknown) {
      status = HttpStatus.NOT_FOUND;
      body.put(
          "error",
          "unknown file id "
              + fileId
              + ": no documents in MongoDB and no file of that id on the files topic;"
              + " nothing was deleted or announced. Check the id with GET /api/files on the"
              + " verifier");
    } else if (outcome instanceof FileRollback.Outcome.Unverifiable u) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      body.put(
          "error",
          "file "
              + fileId
              + " has no documents in MongoDB and the files topic could not be read to check the"
              + " id ("
              + u.reason()
              + "); nothing was deleted, try again once Kafka is reachable");
    } else if (outcome instanceof FileRollback.Outcome.NotAnnounced n) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      body.put(
          "error",
          "documents deleted, but the ROLLED_BACK event could not be published to Kafka ("
              + n.reason()
              + "); run the rollback again once Kafka is reachable");
    }
    return HttpResponse.<Map<String, Object>>status(status).body(body);
  }
}
