package io.tideway.verifier.operator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.tideway.contracts.log.LogSafe;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.mapping.MappingRef;
import io.tideway.contracts.payload.FileStatus;
import io.tideway.runtime.http.OperatorOnly;
import io.tideway.verifier.api.JsonResponses;
import io.tideway.verifier.ledger.FileLedger;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator actions on the dashboard's API (port 8080), so ops need one address and one token:
 * {@code POST /api/files/{id}/rollback} and {@code POST /api/files/{id}/replay}. The services that
 * own the data do the work (loader deletes, ingest replays); this forwards the request with the
 * same bearer token and returns their answer. The outcome reaches the dashboard as usual, through
 * the topics (ROLLED_BACK, or a new file id for the replay).
 */
@Controller("/api/files")
public class OperatorController {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorController.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final OperatorConfig config;
  private final FileLedger ledger;
  private final Clock clock;
  private final MappingCatalog mappings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public OperatorController(
      OperatorConfig config, FileLedger ledger, Clock clock, MappingCatalog mappings) {
    this.mappings = mappings;
    this.config = config;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Deletes the file's documents from MongoDB (loader-service), which then announces ROLLED_BACK.
   * Refused (409) while live files counted rows as duplicates of those documents: the rollback
   * would leave their rows pointing to nothing.
   */
  @OperatorOnly
  @Post(value = "/{id}/rollback", produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> rollback(
      @PathVariable String id, @Nullable @Header("Authorization") String auth) {
    if (ledger.find(id, clock.instant()).isPresent()) {
      List<FileLedger.Dependent> dependents = ledger.dependentsOf(id);
      if (!dependents.isEmpty()) {
        LOG.info(
            "operator rollback of file {} refused: {} live files counted duplicates of its documents",
            LogSafe.of(id),
            dependents.size());
        return refusedForDependents(id, dependents);
      }
    }
    return forward(id, auth, "loader-service", "DELETE", config.getLoaderUrl(), "/documents");
  }

  /** 409 naming the dependent files and the order that keeps every row accounted for. */
  static HttpResponse<?> refusedForDependents(String id, List<FileLedger.Dependent> dependents) {
    String list =
        dependents.stream()
            .map(
                d ->
                    d.fileId()
                        + " ("
                        + (d.fileName() == null ? "unnamed" : d.fileName())
                        + ", "
                        + d.rows()
                        + " rows)")
            .collect(Collectors.joining(", "));
    String message =
        "file "
            + id
            + " cannot be rolled back: "
            + dependents.size()
            + " live file(s) counted rows as"
            + " duplicates of its documents, which would then point to nothing: "
            + list
            + ". Roll those back first ("
            + dependents.stream()
                .map(d -> "./pipeline rollback --file " + d.fileId())
                .collect(Collectors.joining(", "))
            + "), then this file, then replay the files whose rows should be loaded again (./pipeline replay --file ID)";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("file_id", id);
    body.put("dependents", dependents);
    return HttpResponse.status(HttpStatus.CONFLICT)
        .body(body)
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /**
   * Replays the file's raw rows under a new file id (ingest-service), cleaned with the latest
   * version of its mapping. A file whose documents are gone from MongoDB (its own check found fewer
   * than it stored, e.g. after a store reset), or that was cleaned with an older version of its
   * mapping than the latest, is rolled back first, so the cleaner loads its rows again (under the
   * new rules) instead of counting them as duplicates; a 409 of that rollback is the answer.
   */
  @OperatorOnly
  @Post(value = "/{id}/replay", produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> replay(
      @PathVariable String id, @Nullable @Header("Authorization") String auth) {
    String newerMapping = newerMapping(id);
    if (ledger.documentsGone(id) || newerMapping != null) {
      HttpResponse<?> rolledBack = rollback(id, auth);
      if (rolledBack.getStatus().getCode() >= 300) {
        return rolledBack;
      }
      LOG.info(
          "file {} {}: rolled back before its replay",
          LogSafe.of(id),
          newerMapping != null
              ? "was cleaned with an older mapping version than " + newerMapping
              : "had documents missing from MongoDB");
      if (!awaitRolledBack(id)) {
        return JsonResponses.error(
            HttpStatus.GATEWAY_TIMEOUT,
            "file "
                + id
                + " was rolled back, but the ROLLED_BACK"
                + " event did not arrive within "
                + TIMEOUT.toSeconds()
                + "s; replay it again once it shows ROLLED_BACK",
            id);
      }
    }
    return forward(id, auth, "ingest-service", "POST", config.getIngestUrl(), "/replay");
  }

  /**
   * The latest version of the file's mapping ({@code name vN}) when it is not the one the file was
   * cleaned with, so its replay must load anew rather than find duplicates; null otherwise (also
   * for a file already rolled back, or whose version is unknown).
   */
  private String newerMapping(String id) {
    return ledger
        .find(id, clock.instant())
        .filter(e -> e.status() != FileStatus.ROLLED_BACK)
        .filter(e -> e.mapping() != null && e.mappingVersion() != null)
        .flatMap(
            e ->
                mappings
                    .latest(e.mapping())
                    .filter(v -> v.record().version() != e.mappingVersion())
                    .map(v -> MappingRef.of(e.mapping(), v.record().version()).label()))
        .orElse(null);
  }

  /** Polls the ledger until the file's ROLLED_BACK event was read from the files topic. */
  private boolean awaitRolledBack(String id) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (ledger
          .find(id, clock.instant())
          .map(e -> e.status() == FileStatus.ROLLED_BACK)
          .orElse(false)) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private HttpResponse<?> forward(
      String id, String auth, String service, String method, String base, String action) {
    if (ledger.find(id, clock.instant()).isEmpty()) {
      return JsonResponses.unknownFile(id);
    }
    URI uri =
        URI.create(base + "/api/files/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + action);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Authorization", auth)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      java.net.http.HttpResponse<String> answer = http.send(request, BodyHandlers.ofString());
      LOG.info(
          "operator {} of file {} forwarded to {}: HTTP {}",
          action.substring(1),
          LogSafe.of(id),
          service,
          answer.statusCode());
      return HttpResponse.status(HttpStatus.valueOf(answer.statusCode()))
          .body(answer.body())
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    } catch (IOException e) {
      LOG.warn(
          "operator {} of file {}: {} unreachable at {}: {}",
          action.substring(1),
          LogSafe.of(id),
          service,
          base,
          e.toString());
      return JsonResponses.error(
          HttpStatus.BAD_GATEWAY,
          service + " is unreachable at " + base + ": " + e.getMessage(),
          id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JsonResponses.error(
          HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting for " + service, id);
    }
  }
}
