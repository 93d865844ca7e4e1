package io.tideway.ingest.replay;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.contracts.log.LogSafe;
import io.tideway.runtime.http.OperatorOnly;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator replay: {@code POST /api/files/{id}/replay} re-runs a file from the raw topic under a
 * new id; an {@link OperatorOnly} route.
 */
@Controller("/api/files")
public class ReplayController {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayController.class);

  private final FileReplayer replayer;

  public ReplayController(FileReplayer replayer) {
    this.replayer = replayer;
  }

  @OperatorOnly
  @Post("/{fileId}/replay")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<Map<String, Object>> replay(@PathVariable String fileId) {
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
