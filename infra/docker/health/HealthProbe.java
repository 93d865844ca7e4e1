import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Container health probe of the Tideway images: exits 0 when {@code GET /health} on
 * {@code MICRONAUT_SERVER_PORT} answers 200, 1 otherwise. The JRE base image guarantees neither
 * curl nor wget, so the probe uses the JVM that is already there.
 *
 * <p>Optional arguments: a path or a full URL to probe instead, and a text the body must contain
 * (the Kafka Connect container uses {@code http://localhost:8083/connectors?expand=status RUNNING}).
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("MICRONAUT_SERVER_PORT", "8080");
    String target = args.length > 0 ? args[0] : "/health";
    String url = target.startsWith("http") ? target : "http://127.0.0.1:" + port + target;
    System.exit(check(url, args.length > 1 ? args[1] : null));
  }

  /** 0 when the URL answers 200 (with {@code mustContain} in the body), 1 otherwise; why goes to stderr. */
  static int check(String url, String mustContain) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(4_000);
      int status = connection.getResponseCode();
      if (status != 200) {
        System.err.println(url + " answered " + status);
        return 1;
      }
      if (mustContain != null) {
        try (InputStream in = connection.getInputStream()) {
          String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          if (!body.contains(mustContain)) {
            System.err.println(url + " answered without " + mustContain);
            return 1;
          }
        }
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      System.err.println(url + " unreachable: " + e);
      return 1;
    }
  }
}
