package io.tideway.ingest.replay;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.contracts.log.LogSafe;
import io.tideway.runtime.config.AdminAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator replay: {@code POST /api/files/{id}/replay} re-runs a file from the raw topic under a
 * new id.
 */
@Controller("/api/files")
public class ReplayController {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayController.class);

  private final FileReplayer replayer;
  private final AdminAccess admin;

  public ReplayController(FileReplayer replayer, AdminAccess admin) {
    this.replayer = replayer;
    this.admin = admin;
  }

  @Post("/{fileId}/replay")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> replay(
      @PathVariable String fileId, @Nullable @Header("Authorization") String authorization) {
    if (!admin.authorises(authorization)) {
      return HttpResponse.<Map<String, Object>>status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", "a valid bearer token (TIDEWAY_ADMIN_TOKEN) is required"));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    try {
      FileReplayer.Result r = replayer.replay(fileId);
      body.put("file_id", r.fileId());
      body.put("rows", r.rows());
      body.put("replay_of", fileId);
      return HttpResponse.ok(body);
    } catch (FileReplayer.UnknownFileException e) {
      body.put("error", "unknown file: " + e.getMessage());
      body.put("file_id", fileId);
      return HttpResponse.<Map<String, Object>>status(HttpStatus.NOT_FOUND).body(body);
    } catch (FileReplayer.NotCompletedException e) {
      body.put("error", e.getMessage());
      body.put("file_id", fileId);
      return HttpResponse.<Map<String, Object>>status(HttpStatus.CONFLICT).body(body);
    } catch (RuntimeException e) {
      LOG.warn("replay of file {} failed: {}", LogSafe.of(fileId), LogSafe.of(e));
      body.put("error", "replay failed: " + e.getMessage());
      body.put("file_id", fileId);
      return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
  }
}
