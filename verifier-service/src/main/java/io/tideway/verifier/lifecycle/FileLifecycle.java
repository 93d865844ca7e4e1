package io.tideway.verifier.lifecycle;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.reconcile.Dependencies;

/**
 * A file's lifecycle as one pure function: {@link #next} maps a state and an event to the next
 * state. The ledger gathers the facts an event carries (under its lock) and applies the side
 * effects a change of state implies (problems, the settle clock); the states and the moves between
 * them are decided here only. See docs/ARCHITECTURE.md for the table.
 */
public final class FileLifecycle {

  private FileLifecycle() {}

  /**
   * Where a file stands.
   *
   * @param cause why it cannot be judged yet; set while WAITING (the cause it shows) and for an
   *     INGESTED file whose own documents hold but a dependency is unchecked, else null
   */
  public record State(FileStatus status, WaitCause cause) {

    /** The state of a file the verifier just heard of. */
    public static final State NEW = new State(FileStatus.DISCOVERED, null);

    /** {@code status} with no wait cause. */
    public static State of(FileStatus status) {
      return new State(status, null);
    }

    /** Whether the file waits for {@code kind}. */
    public boolean waitsFor(WaitCause.Kind kind) {
      return cause != null && cause.kind() == kind;
    }
  }

  /** What can happen to a file. */
  public sealed interface Event {}

  /** Ingest announced STARTED ({@code started}) or PROGRESS of the file. */
  public record IngestProgress(boolean started) implements Event {}

  /**
   * Ingest announced COMPLETED; {@code repeat}: the same count again (ingest retried after a
   * crash).
   */
  public record IngestCompleted(boolean repeat) implements Event {}

  /** Ingest announced FAILED. */
  public record IngestFailed() implements Event {}

  /** An operator deleted the file's documents. */
  public record RolledBack() implements Event {}

  /** The cleaner's or the loader's count for the file rose. */
  public record CountsRose() implements Event {}

  /** The previous active verifier's VERIFIED verdict holds for the same numbers here. */
  public record CarriedOver() implements Event {}

  /**
   * A MongoDB check decided the file: its own invariants ({@code ownHolds}) and those of the files
   * it counted duplicates of ({@code dependencies}).
   */
  public record Checked(boolean ownHolds, Dependencies.Outcome dependencies) implements Event {}

  /** A VERIFIED file's numbers stopped adding up (a late event): it waits for them again. */
  public record Unsettled() implements Event {}

  /**
   * The periodic timeout check.
   *
   * @param blocked a cause that keeps the file from being checked now (MongoDB, Kafka or a service
   *     it needs does not answer), or null
   * @param settleExpired the settle timeout ran out since the file's last progress
   * @param behind a stage the file waits for still has records to read, or null
   * @param finding the numbers do not add up, or the last check failed: a judgement is possible
   * @param checkedCurrent the file's last check saw its current numbers
   * @param idle an ingest that made no progress for the STALLED threshold
   */
  public record Tick(
      WaitCause blocked,
      boolean settleExpired,
      WaitCause behind,
      boolean finding,
      boolean checkedCurrent,
      boolean idle)
      implements Event {}

  /** The state after {@code event} in state {@code s}. ROLLED_BACK is final. */
  public static State next(State s, Event event) {
    FileStatus st = s.status();
    if (st == FileStatus.ROLLED_BACK) {
      return s;
    }
    // Java 17: no pattern matching in switch yet, so one instanceof per event.
    if (event instanceof IngestProgress p) {
      boolean retry = st == FileStatus.FAILED && p.started();
      return st == FileStatus.DISCOVERED || st == FileStatus.STALLED || retry
          ? State.of(FileStatus.INGESTING)
          : s;
    }
    if (event instanceof IngestCompleted c) {
      return c.repeat() ? s : State.of(FileStatus.INGESTED);
    }
    if (event instanceof IngestFailed) {
      return State.of(FileStatus.FAILED);
    }
    if (event instanceof RolledBack) {
      return State.of(FileStatus.ROLLED_BACK);
    }
    if (event instanceof CountsRose) {
      return st == FileStatus.STALLED ? State.of(FileStatus.INGESTING) : s;
    }
    if (event instanceof CarriedOver) {
      return st == FileStatus.INGESTED ? State.of(FileStatus.VERIFIED) : s;
    }
    if (event instanceof Checked c) {
      return checked(s, c);
    }
    if (event instanceof Unsettled) {
      return st == FileStatus.VERIFIED ? State.of(FileStatus.INGESTED) : s;
    }
    return tick(s, (Tick) event);
  }

  /** A FAILED file stays FAILED: it is counted for what it left in MongoDB, never verified. */
  private static State checked(State s, Checked c) {
    if (s.status() == FileStatus.FAILED) {
      return s;
    }
    if (!c.ownHolds()) {
      return State.of(FileStatus.MISMATCH);
    }
    return switch (c.dependencies()) {
      case HOLDS -> State.of(FileStatus.VERIFIED);
      case WAITING ->
          new State(
              FileStatus.INGESTED,
              new WaitCause(WaitCause.Kind.DEPENDENCY, "a file it counted duplicates of"));
      case BROKEN -> State.of(FileStatus.MISMATCH);
    };
  }

  /**
   * Only a completed file waiting for MongoDB's answer (INGESTED or WAITING) can wait or time out;
   * an idle ingest turns STALLED.
   */
  private static State tick(State s, Tick t) {
    FileStatus st = s.status();
    if (st == FileStatus.INGESTING) {
      return t.idle() ? State.of(FileStatus.STALLED) : s;
    }
    if (st != FileStatus.INGESTED && st != FileStatus.WAITING) {
      return s;
    }
    if (t.blocked() != null) {
      return new State(FileStatus.WAITING, t.blocked());
    }
    if (st == FileStatus.WAITING) {
      // The cause is gone; a file delayed by a stage keeps waiting while that stage is behind.
      return t.behind() != null && s.waitsFor(WaitCause.Kind.STAGE_BEHIND)
          ? new State(FileStatus.WAITING, t.behind())
          : State.of(FileStatus.INGESTED);
    }
    if (!t.settleExpired()) {
      return s;
    }
    if (t.behind() != null) {
      return new State(FileStatus.WAITING, t.behind()); // a delay, not a loss
    }
    if (!t.finding()) {
      return s; // settled, its check is under way and MongoDB answers: a slow check is no finding
    }
    if (s.waitsFor(WaitCause.Kind.DEPENDENCY) && t.checkedCurrent()) {
      return s; // its own check holds; it waits for the file it counted duplicates of
    }
    return State.of(FileStatus.MISMATCH);
  }
}
