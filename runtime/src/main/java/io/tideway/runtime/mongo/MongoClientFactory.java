package io.tideway.runtime.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one place where Tideway creates MongoDB clients, with one set of timeouts: a service notices
 * an unreachable or frozen server within its own bounds instead of hanging on the driver's
 * defaults. TLS and credentials come from the connection string.
 */
public final class MongoClientFactory {

  /** Heartbeats often enough that a restarted server is seen again within a few seconds. */
  static final Duration HEARTBEAT = Duration.ofSeconds(2);

  static final Duration MIN_HEARTBEAT = Duration.ofMillis(200);

  /** A connect attempt gets at least this long, even with a shorter server selection timeout. */
  static final Duration MIN_CONNECT = Duration.ofSeconds(1);

  private MongoClientFactory() {}

  /**
   * How long the driver waits: {@code serverSelection} for a reachable server before failing an
   * operation, {@code read} for one answer on an open socket (a frozen server otherwise blocks
   * forever).
   */
  public record Timeouts(Duration serverSelection, Duration read) {

    /** Checks both timeouts are positive. */
    public Timeouts {
      if (serverSelection == null || serverSelection.isNegative() || serverSelection.isZero()) {
        throw new IllegalArgumentException("MongoDB server selection timeout must be > 0");
      }
      if (read == null || read.isNegative() || read.isZero()) {
        throw new IllegalArgumentException("MongoDB read timeout must be > 0");
      }
    }
  }

  /** The driver settings for {@code uri}, named {@code applicationName} in the server's logs. */
  public static MongoClientSettings settings(String uri, String applicationName, Timeouts t) {
    long selection = t.serverSelection().toMillis();
    long connect = Math.max(selection, MIN_CONNECT.toMillis());
    return MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applicationName(applicationName)
        .applyToClusterSettings(b -> b.serverSelectionTimeout(selection, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(
            b ->
                b.connectTimeout((int) connect, TimeUnit.MILLISECONDS)
                    .readTimeout((int) t.read().toMillis(), TimeUnit.MILLISECONDS))
        .applyToServerSettings(
            b ->
                b.heartbeatFrequency(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)
                    .minHeartbeatFrequency(MIN_HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS))
        .build();
  }

  /** A client of {@code uri} with {@link #settings}. */
  public static MongoClient create(String uri, String applicationName, Timeouts timeouts) {
    return MongoClients.create(settings(uri, applicationName, timeouts));
  }
}
