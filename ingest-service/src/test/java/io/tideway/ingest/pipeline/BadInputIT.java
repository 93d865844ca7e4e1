package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.testkit.EmbeddedKafka;
import io.tideway.testkit.Poll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile and broken input on a real (in-process) broker: every case ends COMPLETED or FAILED with
 * a reason naming what is wrong and how to fix it, and nothing is left in the inbox or processing/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

  static final String PREFIX = "bad.";
  static final String HEADER = IngestIT.HEADER;
  static final String ROW = "A,1,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,2024-01-02,M,Normal";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path tmp;
  EmbeddedKafka kafka;
  ApplicationContext app;
  Path inbox;
  Path work;
  Path outside;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  void start() throws IOException {
    Logger tideway = (Logger) LoggerFactory.getLogger("io.tideway");
    logs.start();
    tideway.addAppender(logs);
    kafka = EmbeddedKafka.start();
    kafka.createTopics(PREFIX, 3);
    inbox = tmp.resolve("inbox");
    work = tmp.resolve("work");
    outside = Files.createDirectories(tmp.resolve("outside"));
    app =
        ApplicationContext.run(
            Map.of(
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "tideway.topic-prefix",
                PREFIX,
                "tideway.ingest.inbox",
                inbox.toString(),
                "tideway.ingest.work-dir",
                work.toString(),
                "tideway.ingest.scan-interval",
                "100ms",
                "tideway.ingest.stable-for",
                "200ms",
                "tideway.ingest.transaction-rows",
                "100",
                "micronaut.server.port",
                "-1"));
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger("io.tideway")).detachAppender(logs);
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void linkToACsvOutsideTheInboxIsRefusedAndItsTargetLeftAlone() throws Exception {
    Path secret = Files.writeString(outside.resolve("secret.csv"), HEADER + "\n" + ROW + "\n");
    Path link = Files.createSymbolicLink(inbox(("linked.csv")), secret);

    Map<?, ?> why = failed("linked.csv");
    assertThat((String) why.get("reason"))
        .contains("symbolic link", secret.toString(), "Copy or move the file itself");
    assertThat(secret).hasContent(HEADER + "\n" + ROW + "\n");
    Path kept = work.resolve("error/linked.csv");
    assertThat(Files.isSymbolicLink(kept)).as("the link itself is moved to error/").isTrue();
    assertThat(Files.readSymbolicLink(kept)).isEqualTo(secret);
    assertThat(link).doesNotExist();
    String id = (String) why.get("file_id");
    assertThat(eventsOf(id, FileEventType.FAILED))
        .extracting(FileEvent::type)
        .containsExactly(FileEventType.DISCOVERED, FileEventType.FAILED);
    assertThat(rowsOf(id)).as("nothing of the target is read").isEmpty();
    assertThat(warnings()).anyMatch(w -> w.contains("linked.csv") && w.contains("symbolic link"));
    assertThat(find(work.resolve("archive"), "secret.csv")).isEmpty();
  }

  @Test
  void linkToASystemFileIsNeverRead() throws Exception {
    Files.createSymbolicLink(inbox("passwd.csv"), Path.of("/etc/passwd"));
    Map<?, ?> why = failed("passwd.csv");
    String id = (String) why.get("file_id");
    assertThat(rowsOf(id)).isEmpty();
    FileEvent failed = eventsOf(id, FileEventType.FAILED).get(1);
    assertThat(failed.header()).isNull();
    assertThat(failed.sha256()).as("not even fingerprinted").isNull();
    assertThat(Path.of("/etc/passwd")).exists();
  }

  @Test
  void linkedMappingFolderIsRefusedAndNothingIsMovedOutOfIt() throws Exception {
    Path folder = Files.createDirectories(outside.resolve("their-folder"));
    Path theirs = Files.writeString(folder.resolve("theirs.csv"), HEADER + "\n" + ROW + "\n");
    Files.createSymbolicLink(inbox("retail-orders"), folder);

    Map<?, ?> why = failed("retail-orders");
    assertThat((String) why.get("reason")).contains("symbolic link", "folder");
    assertThat(theirs).as("a file in the linked folder stays where it is").exists();
    assertThat(find(work.resolve("archive"), "theirs.csv")).isEmpty();
    assertThat(find(work.resolve("processing"), "theirs.csv")).isEmpty();
  }

  @Test
  void newlineInANameCannotForgeALogLineAndThePayloadKeepsTheRealName() throws Exception {
    String name = "forged\n00:00:00.000 INFO  [ingest] FileIngestor - file x.csv COMPLETED.csv";
    drop(inbox(name), (HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
    FileEvent done = completed(name);
    assertThat(done.fileName()).isEqualTo(name);
    assertThat(headerOf(done.fileId()).fileName()).isEqualTo(name);
    assertThat(messages())
        .filteredOn(m -> m.contains("forged"))
        .isNotEmpty()
        .allMatch(m -> !m.contains("\n") && !m.contains("\r"), "one line each")
        .anyMatch(m -> m.contains("forged\\n00:00"));
  }

  @Test
  void namesWithSpacesUnicodeAndHtmlArePassedThroughUnchanged() throws Exception {
    for (String name :
        List.of("with spaces.csv", "Zoë 医院 ✓.csv", "<img src=x onerror=alert(1)>.csv")) {
      drop(inbox(name), (HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
      FileEvent done = completed(name);
      assertThat(done.fileName()).isEqualTo(name);
      assertThat(done.rows()).isEqualTo(1);
    }
  }

  @Test
  void binaryDataFailsNamingTheHeader() throws Exception {
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    drop(inbox("noise.csv"), noise);
    assertThat((String) failed("noise.csv").get("reason"))
        .startsWith("header unreadable")
        .contains("line 1")
        .contains("a CSV file");
  }

  @Test
  void aFiftyMegabyteLineWithoutNewlineBecomesOneRejectedRow() throws Exception {
    Path big = inbox("long-line.csv.part");
    Files.createDirectories(big.getParent());
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write((HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
    }
    Files.move(big, inbox("long-line.csv"));
    FileEvent done = completed("long-line.csv");
    assertThat(done.rows()).isEqualTo(2);
    RawRow tooLong = rowsOf(done.fileId()).get(1);
    assertThat(tooLong.error().rule()).isEqualTo("csv.record_too_long");
    assertThat(tooLong.error().message()).contains("line 3");
  }

  @Test
  void invalidUtf8AndWrongFieldCountsAreRejectedRowsNamingLineAndField() throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.write((HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
    csv.write(
        "B\u00e9,2,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,2024-01-02,M,Normal\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    csv.write("too,few\n".getBytes(StandardCharsets.UTF_8));
    csv.write((ROW + ",extra\n").getBytes(StandardCharsets.UTF_8));
    drop(inbox("mixed.csv"), csv.toByteArray());
    FileEvent done = completed("mixed.csv");
    List<RawRow> rows = rowsOf(done.fileId());
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).error()).isNull();
    assertThat(rows.get(1).error().message()).contains("line 3", "field 1", "UTF-8");
    assertThat(rows.get(2).error().message()).contains("line 4", "expected 15 fields but found 2");
    assertThat(rows.get(3).error().message()).contains("line 5", "found 16");
  }

  @Test
  void truncatedGzipFailsSayingSoAndHowToFixIt() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 2000; i++) {
        out.write(
            ("P" + i + ",1,Male,A+,C,2024-01-01,D,H,I," + i + ",1,Urgent,2024-01-02,M,Normal\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] whole = gz.toByteArray();
    drop(inbox("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
    assertThat((String) failed("cut.csv.gz").get("reason"))
        .contains("cannot read the file after row")
        .contains("truncated or corrupt")
        .contains("drop it again");
  }

  @Test
  void sameFileDroppedTwiceAtOnceIsIngestedTwiceUnderTwoIds() throws Exception {
    byte[] bytes = (HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8);
    Path a = stage("twice.csv", bytes);
    Path b = stage("twice-b.csv", bytes);
    Files.createDirectories(inbox.resolve("healthcare-admissions"));
    // Two renames into the two places that select the same mapping, so both claim the same
    // processing/ name.
    Files.move(a, inbox("twice.csv"));
    Files.move(b, inbox.resolve("healthcare-admissions/twice.csv"));
    List<Path> archived =
        Poll.until(
            WAIT,
            "both archived",
            () -> findAll(work.resolve("archive"), "twice.csv"),
            l -> l.size() == 2);
    List<String> ids =
        archived.stream().map(p -> p.getFileName().toString().split("_")[0]).sorted().toList();
    assertThat(ids.get(1)).isEqualTo(ids.get(0) + "-2");
    for (String id : ids) {
      assertThat(eventsOf(id, FileEventType.COMPLETED))
          .last()
          .extracting(FileEvent::rows)
          .isEqualTo(1L);
    }
  }

  @Test
  void manySmallFilesAtOnceAllComplete() throws Exception {
    int n = 100;
    List<Path> staged = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      staged.add(
          stage(
              "many-" + i + ".csv",
              (HEADER
                      + "\nP"
                      + i
                      + ",1,Male,A+,C,2024-01-01,D,H,I,1,1,Urgent,"
                      + "2024-01-02,M,Normal\n")
                  .getBytes(StandardCharsets.UTF_8)));
    }
    for (Path p : staged) {
      Files.move(p, inbox(p.getFileName().toString()));
    }
    Poll.until(
        WAIT,
        "all " + n + " archived",
        () ->
            findAll(work.resolve("archive"), null).stream()
                .filter(p -> p.getFileName().toString().contains("_many-"))
                .count(),
        c -> c == n);
    assertThat(
            TopicContents.values(kafka.bootstrapServers(), Topics.FILES, PREFIX).stream()
                .filter(
                    e -> e.type() == FileEventType.COMPLETED && e.fileName().startsWith("many-"))
                .count())
        .isEqualTo(n);
    try (Stream<Path> left = Files.list(inbox)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("many-"))).isEmpty();
    }
  }

  private Path inbox(String name) {
    return inbox.resolve(name);
  }

  /** The error.json of a file once it FAILED. */
  private Map<?, ?> failed(String name) throws IOException {
    Path errorJson = work.resolve("error").resolve(name + ".error.json");
    Poll.until(WAIT, "FAILED " + name, () -> Files.exists(errorJson));
    Map<?, ?> why = Json.fromBytes(Files.readAllBytes(errorJson), Map.class);
    assertThat(find(work.resolve("processing"), name)).as("nothing stuck in processing/").isEmpty();
    assertThat(Files.exists(inbox.resolve(name), LinkOption.NOFOLLOW_LINKS))
        .as("gone from the inbox")
        .isFalse();
    return why;
  }

  /** The COMPLETED event of a file once it was archived. */
  private FileEvent completed(String name) {
    Path archived =
        Poll.value(
            WAIT, "archive of " + name, () -> find(work.resolve("archive"), name).orElse(null));
    String id = archived.getFileName().toString().split("_")[0];
    List<FileEvent> events = eventsOf(id, FileEventType.COMPLETED);
    return events.get(events.size() - 1);
  }

  private List<FileEvent> eventsOf(String fileId, FileEventType last) {
    return Poll.value(
        WAIT,
        last + " of " + fileId,
        () -> {
          List<FileEvent> events =
              TopicContents.values(kafka.bootstrapServers(), Topics.FILES, PREFIX).stream()
                  .filter(e -> e.fileId().equals(fileId))
                  .toList();
          return events.stream().anyMatch(e -> e.type() == last) ? events : null;
        });
  }

  private List<RawRow> rowsOf(String fileId) {
    return TopicContents.rawFile(kafka.bootstrapServers(), PREFIX, fileId).rows();
  }

  private RawRow headerOf(String fileId) {
    return TopicContents.rawFile(kafka.bootstrapServers(), PREFIX, fileId).header();
  }

  private List<String> messages() {
    synchronized (logs) {
      return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private List<String> warnings() {
    synchronized (logs) {
      return logs.list.stream()
          .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  private Path stage(String name, byte[] bytes) throws IOException {
    Path staging = Files.createDirectories(tmp.resolve("staging"));
    return Files.write(staging.resolve(name), bytes);
  }

  private void drop(Path target, byte[] bytes) throws IOException {
    // Written elsewhere, then renamed in: a half-written file is never seen.
    Files.createDirectories(target.getParent());
    Files.move(stage(target.getFileName().toString(), bytes), target);
  }

  private static Optional<Path> find(Path root, String name) {
    return findAll(root, name).stream().findFirst();
  }

  /**
   * Files (or links) under root named {@code name} or {@code <id>_name}; every file when name is
   * null.
   */
  private static List<Path> findAll(Path root, String name) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .filter(
              p ->
                  name == null
                      || p.getFileName().toString().endsWith("_" + name)
                      || p.getFileName().toString().equals(name))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
