package io.tideway.verifier.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.time.Duration;

/** Settings of the verifier ({@code tideway.verifier.*}); every setting has a default. */
@ConfigurationProperties(VerifierConfig.PREFIX)
public class VerifierConfig {

  public static final String PREFIX = "tideway.verifier";

  private Duration settleTimeout = Duration.ofSeconds(120);
  private Duration checkInterval = Duration.ofSeconds(1);
  private Duration publishInterval = Duration.ofSeconds(1);
  private Duration auditInterval = Duration.ofSeconds(2);
  private Duration digestAuditInterval = Duration.ofMinutes(5);
  private Duration recentDigestAuditInterval = Duration.ofSeconds(10);
  private double digestBudget = 0.25;
  private double countBudget = 0.1;
  private Duration recentWindow = Duration.ofMinutes(10);
  private Duration oldAuditInterval = Duration.ofSeconds(60);
  private int auditBatch = 100;
  private int metricsFiles = 50;
  private Duration standbyTakeover = Duration.ofSeconds(10);
  private Duration mongoTimeout = Duration.ofSeconds(30);
  private Duration storeProbeTimeout = Duration.ofSeconds(5);
  private AlertConfig alerts = new AlertConfig();
  private LagConfig lag = new LagConfig();
  private OutcomeConfig outcome = new OutcomeConfig();

  /** How long a COMPLETED file may take to add up before it is MISMATCH. */
  public Duration getSettleTimeout() {
    return settleTimeout;
  }

  public void setSettleTimeout(Duration settleTimeout) {
    this.settleTimeout = settleTimeout;
  }

  /**
   * Longest wait for one answer of MongoDB to a check (socket read timeout): a check that gets none
   * fails, and the file shows WAITING instead of hanging on a frozen store.
   */
  public Duration getMongoTimeout() {
    return mongoTimeout;
  }

  public void setMongoTimeout(Duration mongoTimeout) {
    this.mongoTimeout = mongoTimeout;
  }

  /**
   * Longest wait for MongoDB to answer the store probe (the marker read, every check interval):
   * files waiting to settle show WAITING while it gets no answer.
   */
  public Duration getStoreProbeTimeout() {
    return storeProbeTimeout;
  }

  public void setStoreProbeTimeout(Duration storeProbeTimeout) {
    this.storeProbeTimeout = storeProbeTimeout;
  }

  /** Period of the reconciliation cycle; new events also wake it. */
  public Duration getCheckInterval() {
    return checkInterval;
  }

  public void setCheckInterval(Duration checkInterval) {
    this.checkInterval = checkInterval;
  }

  /** Minimum gap between two integrity events of a file whose counts changed but status did not. */
  public Duration getPublishInterval() {
    return publishInterval;
  }

  public void setPublishInterval(Duration publishInterval) {
    this.publishInterval = publishInterval;
  }

  /** Count re-audit period of settled files completed within the recent window. */
  public Duration getAuditInterval() {
    return auditInterval;
  }

  public void setAuditInterval(Duration auditInterval) {
    this.auditInterval = auditInterval;
  }

  /**
   * Full re-audit period (digest and type conformance) of older settled files, one file at a time.
   */
  public Duration getDigestAuditInterval() {
    return digestAuditInterval;
  }

  public void setDigestAuditInterval(Duration digestAuditInterval) {
    this.digestAuditInterval = digestAuditInterval;
  }

  /** Full re-audit period of settled files completed within the recent window. */
  public Duration getRecentDigestAuditInterval() {
    return recentDigestAuditInterval;
  }

  public void setRecentDigestAuditInterval(Duration recentDigestAuditInterval) {
    this.recentDigestAuditInterval = recentDigestAuditInterval;
  }

  /**
   * Largest share of wall time the periodic full re-audits may spend scanning: after a re-audit
   * that took t, the next one waits t x (1 - budget) / budget. First checks are not held back.
   */
  public double getDigestBudget() {
    return digestBudget;
  }

  public void setDigestBudget(double digestBudget) {
    this.digestBudget = share("digest-budget", digestBudget);
  }

  /** {@code value} when it is a share of wall time in (0, 1], else the error naming the setting. */
  private static double share(String setting, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(
          "tideway.verifier." + setting + " must be in (0, 1], got " + value);
    }
    return value;
  }

  /**
   * Largest share of wall time the count re-audits may spend waiting on MongoDB: after a pass that
   * took t, the next one waits t x (1 - budget) / budget (at least the audit interval). Matters on
   * a store that counts by scanning the collection, as the embedded one does.
   */
  public double getCountBudget() {
    return countBudget;
  }

  public void setCountBudget(double countBudget) {
    this.countBudget = share("count-budget", countBudget);
  }

  /** Files completed longer ago than this are audited on the slow cycle. */
  public Duration getRecentWindow() {
    return recentWindow;
  }

  public void setRecentWindow(Duration recentWindow) {
    this.recentWindow = recentWindow;
  }

  /** Count re-audit period of older settled files. */
  public Duration getOldAuditInterval() {
    return oldAuditInterval;
  }

  public void setOldAuditInterval(Duration oldAuditInterval) {
    this.oldAuditInterval = oldAuditInterval;
  }

  /** At most this many count audits per cycle, most overdue first; one query per collection. */
  public int getAuditBatch() {
    return auditBatch;
  }

  public void setAuditBatch(int auditBatch) {
    this.auditBatch = auditBatch;
  }

  /** Newest files with per-file series on /prometheus; bounds the series count. */
  public int getMetricsFiles() {
    return metricsFiles;
  }

  public void setMetricsFiles(int metricsFiles) {
    this.metricsFiles = metricsFiles;
  }

  /**
   * How long a silent active verifier keeps its lease before a standby takes over (the lease
   * group's session timeout, at least 6s).
   */
  public Duration getStandbyTakeover() {
    return standbyTakeover;
  }

  public void setStandbyTakeover(Duration standbyTakeover) {
    this.standbyTakeover = standbyTakeover;
  }

  public AlertConfig getAlerts() {
    return alerts;
  }

  public void setAlerts(AlertConfig alerts) {
    this.alerts = alerts;
  }

  public LagConfig getLag() {
    return lag;
  }

  public OutcomeConfig getOutcome() {
    return outcome;
  }

  public void setOutcome(OutcomeConfig outcome) {
    this.outcome = outcome;
  }

  /**
   * How a VERIFIED file's outcome is classed for people ({@code tideway.verifier.outcome.*}):
   * clean, with rejects, or mostly rejected, by the fraction of its rows that were rejected.
   */
  @ConfigurationProperties("outcome")
  public static class OutcomeConfig {

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    private double withRejectsAbove = 0;

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    private double mostlyRejectedAt = 0.5;

    /**
     * A VERIFIED file is marked "with rejects" when rejected / rows_read exceeds this fraction (0:
     * any rejected row marks it).
     */
    public double getWithRejectsAbove() {
      return withRejectsAbove;
    }

    public void setWithRejectsAbove(double withRejectsAbove) {
      this.withRejectsAbove = withRejectsAbove;
    }

    /**
     * A VERIFIED file is marked "mostly rejected" when rejected / rows_read reaches this fraction.
     */
    public double getMostlyRejectedAt() {
      return mostlyRejectedAt;
    }

    public void setMostlyRejectedAt(double mostlyRejectedAt) {
      this.mostlyRejectedAt = mostlyRejectedAt;
    }
  }

  public void setLag(LagConfig lag) {
    this.lag = lag;
  }

  /** Consumer-group lag evaluation ({@code tideway.verifier.lag.*}), modelled on Burrow. */
  @ConfigurationProperties("lag")
  public static class LagConfig {

    private java.util.List<String> groups = java.util.List.of("tideway-cleaner", "tideway-loader");
    private Duration interval = Duration.ofSeconds(5);
    private int window = 10;
    private long tolerance = 1;

    /** Consumer groups to evaluate; empty disables. */
    public java.util.List<String> getGroups() {
      return groups;
    }

    public void setGroups(java.util.List<String> groups) {
      this.groups = groups;
    }

    /** How often committed offsets are sampled. */
    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    /** Samples per partition in the sliding window. */
    public int getWindow() {
      return window;
    }

    public void setWindow(int window) {
      this.window = window;
    }

    /** Lag per partition still counted as caught up (transaction markers leave 1). */
    public long getTolerance() {
      return tolerance;
    }

    public void setTolerance(long tolerance) {
      this.tolerance = tolerance;
    }
  }

  /** Alert thresholds ({@code tideway.verifier.alerts.*}). */
  @ConfigurationProperties("alerts")
  public static class AlertConfig {

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    private double rejectRate = 0.05;

    private Duration noInputAfter = Duration.ZERO;
    private Duration stalledAfter = Duration.ofSeconds(60);
    private String webhookUrl = "";
    private double slowRowsPerS = 0;
    private Duration slowAfter = Duration.ofSeconds(30);
    private long dlqGrowth = 1;
    private Duration dlqQuietPeriod = Duration.ofMinutes(5);

    /**
     * SLOW opens when an unsettled file is accounted for slower than this many rows/s; 0 disables.
     */
    public double getSlowRowsPerS() {
      return slowRowsPerS;
    }

    public void setSlowRowsPerS(double slowRowsPerS) {
      this.slowRowsPerS = slowRowsPerS;
    }

    /** SLOW is judged only once a file has been in flight this long. */
    public Duration getSlowAfter() {
      return slowAfter;
    }

    public void setSlowAfter(Duration slowAfter) {
      this.slowAfter = slowAfter;
    }

    /**
     * DLQ_GROWTH opens when this many more documents were refused by MongoDB since the last check;
     * 0 disables.
     */
    public long getDlqGrowth() {
      return dlqGrowth;
    }

    public void setDlqGrowth(long dlqGrowth) {
      this.dlqGrowth = dlqGrowth;
    }

    /** DLQ_GROWTH resolves after no refusal for this long. */
    public Duration getDlqQuietPeriod() {
      return dlqQuietPeriod;
    }

    public void setDlqQuietPeriod(Duration dlqQuietPeriod) {
      this.dlqQuietPeriod = dlqQuietPeriod;
    }

    /** REJECT_RATE opens when rejected / rows_read of a file exceeds this fraction. */
    public double getRejectRate() {
      return rejectRate;
    }

    public void setRejectRate(double rejectRate) {
      this.rejectRate = rejectRate;
    }

    /** NO_INPUT opens when no file was discovered for this long; 0 disables. */
    public Duration getNoInputAfter() {
      return noInputAfter;
    }

    public void setNoInputAfter(Duration noInputAfter) {
      this.noInputAfter = noInputAfter;
    }

    /** A file INGESTING without progress for this long becomes STALLED. */
    public Duration getStalledAfter() {
      return stalledAfter;
    }

    public void setStalledAfter(Duration stalledAfter) {
      this.stalledAfter = stalledAfter;
    }

    /** Optional URL receiving each alert as a JSON POST with a Slack-compatible {@code text}. */
    public String getWebhookUrl() {
      return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
      this.webhookUrl = webhookUrl;
    }
  }
}
