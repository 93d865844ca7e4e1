package io.tideway.verifier.lifecycle;

import static io.tideway.contracts.payload.FileStatus.DISCOVERED;
import static io.tideway.contracts.payload.FileStatus.FAILED;
import static io.tideway.contracts.payload.FileStatus.INGESTED;
import static io.tideway.contracts.payload.FileStatus.INGESTING;
import static io.tideway.contracts.payload.FileStatus.MISMATCH;
import static io.tideway.contracts.payload.FileStatus.ROLLED_BACK;
import static io.tideway.contracts.payload.FileStatus.STALLED;
import static io.tideway.contracts.payload.FileStatus.VERIFIED;
import static io.tideway.contracts.payload.FileStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.contracts.payload.FileStatus;
import io.tideway.verifier.lifecycle.FileLifecycle.CarriedOver;
import io.tideway.verifier.lifecycle.FileLifecycle.Checked;
import io.tideway.verifier.lifecycle.FileLifecycle.CountsRose;
import io.tideway.verifier.lifecycle.FileLifecycle.Event;
import io.tideway.verifier.lifecycle.FileLifecycle.IngestCompleted;
import io.tideway.verifier.lifecycle.FileLifecycle.IngestFailed;
import io.tideway.verifier.lifecycle.FileLifecycle.IngestProgress;
import io.tideway.verifier.lifecycle.FileLifecycle.RolledBack;
import io.tideway.verifier.lifecycle.FileLifecycle.State;
import io.tideway.verifier.lifecycle.FileLifecycle.Tick;
import io.tideway.verifier.lifecycle.FileLifecycle.Unsettled;
import io.tideway.verifier.reconcile.Dependencies.Outcome;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileLifecycleTest {

  private static final WaitCause STORE = WaitCause.store("Timed out after 5000 ms");
  private static final WaitCause BEHIND = WaitCause.stageBehind("the loader still has 5 records");
  private static final WaitCause BROKER =
      new WaitCause(WaitCause.Kind.BROKER_UNREACHABLE, "localhost:9092");
  private static final WaitCause DEPENDS =
      new WaitCause(WaitCause.Kind.DEPENDENCY, "a file it counted duplicates of");

  private static State s(FileStatus status) {
    return State.of(status);
  }

  private static State s(FileStatus status, WaitCause wait) {
    return new State(status, wait);
  }

  /** A tick with nothing blocking, the timeout not run out, nothing behind, not idle. */
  private static Tick quiet() {
    return new Tick(null, false, null, false, false, false);
  }

  private static Tick blocked(WaitCause cause) {
    return new Tick(cause, false, null, false, false, false);
  }

  private static Tick expired(WaitCause behind, boolean finding, boolean checkedCurrent) {
    return new Tick(null, true, behind, finding, checkedCurrent, false);
  }

  private static Tick idle() {
    return new Tick(null, false, null, false, false, true);
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        // from, event, to
        // ingest
        Arguments.of(s(DISCOVERED), new IngestProgress(true), s(INGESTING)),
        Arguments.of(s(DISCOVERED), new IngestProgress(false), s(INGESTING)),
        Arguments.of(s(STALLED), new IngestProgress(false), s(INGESTING)),
        Arguments.of(s(FAILED), new IngestProgress(true), s(INGESTING)), // a retry
        Arguments.of(s(FAILED), new IngestProgress(false), s(FAILED)), // a late PROGRESS
        Arguments.of(s(INGESTED), new IngestProgress(false), s(INGESTED)),
        Arguments.of(s(VERIFIED), new IngestProgress(true), s(VERIFIED)),
        Arguments.of(s(INGESTING), new IngestCompleted(false), s(INGESTED)),
        Arguments.of(s(DISCOVERED), new IngestCompleted(false), s(INGESTED)),
        Arguments.of(s(VERIFIED), new IngestCompleted(false), s(INGESTED)), // another count
        Arguments.of(s(VERIFIED), new IngestCompleted(true), s(VERIFIED)), // ingest retried
        Arguments.of(s(WAITING, STORE), new IngestCompleted(false), s(INGESTED)),
        Arguments.of(s(INGESTING), new IngestFailed(), s(FAILED)),
        Arguments.of(s(INGESTED), new IngestFailed(), s(FAILED)),
        // operator
        Arguments.of(s(VERIFIED), new RolledBack(), s(ROLLED_BACK)),
        Arguments.of(s(MISMATCH), new RolledBack(), s(ROLLED_BACK)),
        Arguments.of(s(FAILED), new RolledBack(), s(ROLLED_BACK)),
        // ROLLED_BACK is final
        Arguments.of(s(ROLLED_BACK), new IngestProgress(true), s(ROLLED_BACK)),
        Arguments.of(s(ROLLED_BACK), new IngestCompleted(false), s(ROLLED_BACK)),
        Arguments.of(s(ROLLED_BACK), new Checked(true, Outcome.HOLDS), s(ROLLED_BACK)),
        Arguments.of(s(ROLLED_BACK), blocked(STORE), s(ROLLED_BACK)),
        // counters
        Arguments.of(s(STALLED), new CountsRose(), s(INGESTING)),
        Arguments.of(s(INGESTED), new CountsRose(), s(INGESTED)),
        // takeover
        Arguments.of(s(INGESTED), new CarriedOver(), s(VERIFIED)),
        Arguments.of(s(MISMATCH), new CarriedOver(), s(MISMATCH)),
        // MongoDB checks
        Arguments.of(s(INGESTED), new Checked(true, Outcome.HOLDS), s(VERIFIED)),
        Arguments.of(s(WAITING, STORE), new Checked(true, Outcome.HOLDS), s(VERIFIED)),
        Arguments.of(s(MISMATCH), new Checked(true, Outcome.HOLDS), s(VERIFIED)),
        Arguments.of(s(VERIFIED), new Checked(false, Outcome.HOLDS), s(MISMATCH)),
        Arguments.of(s(INGESTED), new Checked(true, Outcome.BROKEN), s(MISMATCH)),
        Arguments.of(s(INGESTED), new Checked(true, Outcome.WAITING), s(INGESTED, DEPENDS)),
        Arguments.of(s(VERIFIED), new Checked(true, Outcome.WAITING), s(INGESTED, DEPENDS)),
        Arguments.of(s(FAILED), new Checked(true, Outcome.HOLDS), s(FAILED)), // never verified
        Arguments.of(s(FAILED), new Checked(false, Outcome.HOLDS), s(FAILED)),
        Arguments.of(s(VERIFIED), new Unsettled(), s(INGESTED)),
        Arguments.of(s(MISMATCH), new Unsettled(), s(MISMATCH)),
        // ticks: idle ingests
        Arguments.of(s(INGESTING), idle(), s(STALLED)),
        Arguments.of(s(INGESTING), quiet(), s(INGESTING)),
        Arguments.of(s(INGESTING), blocked(STORE), s(INGESTING)),
        // ticks: a cause that blocks the file, however long
        Arguments.of(s(INGESTED), blocked(STORE), s(WAITING, STORE)),
        Arguments.of(s(INGESTED), blocked(BROKER), s(WAITING, BROKER)),
        Arguments.of(s(WAITING, STORE), blocked(STORE), s(WAITING, STORE)),
        Arguments.of(s(WAITING, BEHIND), blocked(STORE), s(WAITING, STORE)),
        Arguments.of(
            s(INGESTED), new Tick(STORE, true, null, true, true, false), s(WAITING, STORE)),
        Arguments.of(s(VERIFIED), blocked(STORE), s(VERIFIED)),
        Arguments.of(s(MISMATCH), blocked(STORE), s(MISMATCH)),
        Arguments.of(s(FAILED), blocked(STORE), s(FAILED)),
        // ticks: the cause gone
        Arguments.of(s(WAITING, STORE), quiet(), s(INGESTED)),
        Arguments.of(s(WAITING, BROKER), quiet(), s(INGESTED)),
        Arguments.of(s(WAITING, BEHIND), quiet(), s(INGESTED)),
        Arguments.of(
            s(WAITING, BEHIND),
            new Tick(null, false, BEHIND, false, false, false),
            s(WAITING, BEHIND)),
        Arguments.of(
            s(WAITING, STORE), new Tick(null, false, BEHIND, false, false, false), s(INGESTED)),
        // ticks: the settle timeout
        Arguments.of(s(INGESTED), quiet(), s(INGESTED)),
        Arguments.of(s(INGESTED), expired(null, true, false), s(MISMATCH)),
        Arguments.of(s(INGESTED), expired(BEHIND, true, false), s(WAITING, BEHIND)),
        Arguments.of(s(INGESTED), expired(null, false, false), s(INGESTED)), // a slow check
        Arguments.of(s(INGESTED, DEPENDS), expired(null, true, true), s(INGESTED, DEPENDS)),
        Arguments.of(s(INGESTED, DEPENDS), expired(null, true, false), s(MISMATCH)),
        Arguments.of(s(VERIFIED), expired(null, true, false), s(VERIFIED)),
        Arguments.of(s(MISMATCH), expired(null, true, false), s(MISMATCH)),
        Arguments.of(s(STALLED), expired(null, true, false), s(STALLED)));
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("transitions")
  void next(State from, Event event, State to) {
    assertThat(FileLifecycle.next(from, event)).isEqualTo(to);
  }

  @Test
  void everyStatusAndEveryEventIsInTheTable() {
    var rows = transitions().map(Arguments::get).toList();
    assertThat(rows.stream().map(r -> ((State) r[0]).status()).distinct())
        .containsExactlyInAnyOrder(FileStatus.values());
    // DISCOVERED is only where a file starts (State.NEW): nothing moves back to it.
    assertThat(rows.stream().map(r -> ((State) r[2]).status()).distinct())
        .containsExactlyInAnyOrder(
            Arrays.stream(FileStatus.values())
                .filter(st -> st != DISCOVERED)
                .toArray(FileStatus[]::new));
    java.util.List<Class<?>> events =
        rows.stream().<Class<?>>map(r -> r[1].getClass()).distinct().toList();
    assertThat(events)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(FileLifecycle.Event.class.getPermittedSubclasses()));
  }

  @Test
  void aWaitingFileShowsItsCause() {
    assertThat(STORE.problem()).isEqualTo("MongoDB did not answer: Timed out after 5000 ms");
    assertThat(BEHIND.problem()).isEqualTo("the loader still has 5 records");
  }
}
