package io.tideway.verifier.alert;

import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.Alert;
import io.tideway.contracts.payload.IntegrityEvent;
import io.tideway.verifier.cycle.IntegrityOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each alert as JSON with a Slack-compatible {@code text} field; failures are logged, not
 * retried.
 */
public final class WebhookNotifier implements IntegrityOutput {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public WebhookNotifier(String url) {
    this.url = URI.create(url);
  }

  @Override
  public void integrity(IntegrityEvent event) {
    // Only alerts go to the webhook.
  }

  /**
   * Whether the webhook hears of this announcement: not of an acknowledged alert that is still open
   * (its acknowledgement, or a re-announcement with new numbers), since somebody is on it; its
   * resolution is announced.
   */
  static boolean notifies(Alert alert) {
    return !(alert.state() == Alert.State.OPEN && alert.acknowledged());
  }

  @Override
  public void alert(Alert alert) {
    if (!notifies(alert)) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String icon = alert.state() == Alert.State.OPEN ? ":rotating_light:" : ":white_check_mark:";
    body.put(
        "text", icon + " Tideway " + alert.state() + " " + alert.id() + ": " + alert.message());
    body.put("alert", alert);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.toJson(body)))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (resp, e) -> {
              if (e != null) {
                LOG.warn(
                    "webhook {} failed for alert {}: {}", url.getHost(), alert.id(), e.toString());
              } else if (resp.statusCode() >= 300) {
                LOG.warn(
                    "webhook {} answered {} for alert {}",
                    url.getHost(),
                    resp.statusCode(),
                    alert.id());
              }
            });
  }
}
