package io.tideway.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tideway.contracts.csv.CsvFormat;
import io.tideway.contracts.json.Json;
import io.tideway.contracts.mapping.MappingCatalog;
import io.tideway.contracts.payload.FileEvent;
import io.tideway.contracts.payload.FileEventType;
import io.tideway.contracts.payload.RawRow;
import io.tideway.contracts.topics.Topics;
import io.tideway.ingest.inbox.ClaimedFile;
import io.tideway.ingest.inbox.FileState;
import io.tideway.ingest.inbox.IdRegistry;
import io.tideway.ingest.inbox.InboxFile;
import io.tideway.ingest.inbox.InboxRules;
import io.tideway.ingest.inbox.WorkDir;
import io.tideway.ingest.kafka.IngestPublisher;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files dropped into the inbox itself: their header chooses the mapping, or one is inferred. */
class MappingChoiceTest {

  @TempDir Path tmp;
  WorkDir work;
  Path inbox;
  Path inferred;
  MappingCatalog catalog;

  @BeforeEach
  void setUp() throws Exception {
    work = new WorkDir(tmp.resolve("work"));
    inbox = Files.createDirectories(tmp.resolve("inbox"));
    inferred = tmp.resolve("mappings");
    catalog = MappingCatalog.load(List.of(inferred));
  }

  @Test
  void theAdmissionsHeaderChoosesTheAdmissionsMapping() throws Exception {
    Path p =
        Files.writeString(
            inbox.resolve("a.csv"),
            FileIngestorTest.HEADER
                + "\r\nAnn,30,Female,A+,Flu,2024-01-01,D,H,I,1.5,1,Urgent,2024-01-02,M,Normal\r\n");
    MockProducer<String, byte[]> producer = producer();
    assertThat(ingestor(inferred).ingest(claim(p), new IngestPublisher(producer, "t.")))
        .isInstanceOf(FileOutcome.Completed.class);
    assertThat(events(producer))
        .extracting(FileEvent::mapping)
        .containsOnly("healthcare-admissions");
    assertThat(inferred).doesNotExist();
  }

  @Test
  void anUnknownSemicolonWindows1252FileGetsAnInferredMappingUsedBySameHeaderLater()
      throws Exception {
    String csv =
        "Kontoauszug;Girokonto 4711\r\n"
            + "Buchungstag;Empfänger;Betrag\r\n"
            + "01.03.2024;Müller GmbH;-1.234,56\r\n"
            + "02.03.2024;Café Süß;12,00\r\n";
    Path p =
        Files.write(inbox.resolve("Konto März.csv"), csv.getBytes(Charset.forName("windows-1252")));
    MockProducer<String, byte[]> producer = producer();
    FileIngestor ingestor = ingestor(inferred);
    assertThat(ingestor.ingest(claim(p), new IngestPublisher(producer, "t.")))
        .isInstanceOf(FileOutcome.Completed.class);

    assertThat(events(producer)).extracting(FileEvent::mapping).containsOnly("konto-marz");
    assertThat(inferred.resolve("konto-marz.yaml"))
        .content(StandardCharsets.UTF_8)
        .contains(
            "delimiter: \";\"",
            "charset: \"windows-1252\"",
            "header_row: 2",
            "format: \"dd.MM.yyyy\"");
    List<java.util.Map<String, String>> rows = rows(producer);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).containsEntry("Empfänger", "Café Süß").containsEntry("Betrag", "12,00");
    assertThat(rows.get(0)).containsEntry("#line", "3");

    Path again =
        Files.write(inbox.resolve("other name.csv"), csv.getBytes(Charset.forName("windows-1252")));
    MockProducer<String, byte[]> second = producer();
    ingestor.ingest(claim(again), new IngestPublisher(second, "t."));
    assertThat(events(second)).extracting(FileEvent::mapping).containsOnly("konto-marz");
    try (var files = Files.list(inferred)) {
      assertThat(files.filter(f -> f.toString().endsWith(".yaml"))).hasSize(1);
    }
  }

  @Test
  void aUtf16FileWithABomIsReadAsText() throws Exception {
    String csv = "id\tseen at\tok\r\n1\t2024-03-01T09:30:00+01:00\ttrue\r\n";
    byte[] body = csv.getBytes(StandardCharsets.UTF_16LE);
    byte[] bytes = new byte[body.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xFE;
    System.arraycopy(body, 0, bytes, 2, body.length);
    Path p = Files.write(inbox.resolve("log.tsv"), bytes);
    MockProducer<String, byte[]> producer = producer();
    assertThat(ingestor(inferred).ingest(claim(p), new IngestPublisher(producer, "t.")))
        .isInstanceOf(FileOutcome.Completed.class);
    assertThat(rows(producer).get(0))
        .containsEntry("seen at", "2024-03-01T09:30:00+01:00")
        .containsEntry("ok", "true");
  }

  @Test
  void withoutAnInferredMappingsDirAnUnknownHeaderFailsTheFileSayingHowToChooseAMapping()
      throws Exception {
    Path p = Files.writeString(inbox.resolve("x.csv"), "a,b\n1,2\n");
    MockProducer<String, byte[]> producer = producer();
    assertThat(ingestor(null).ingest(claim(p), new IngestPublisher(producer, "t.")))
        .isInstanceOf(FileOutcome.Failed.class);
    assertThat(events(producer).get(events(producer).size() - 1).reason())
        .startsWith("no mapping for x.csv: its header fits no known mapping")
        .contains("inbox/<mapping>/", "./pipeline mapping init");
    assertThat(events(producer)).extracting(FileEvent::type).endsWith(FileEventType.FAILED);
  }

  private FileIngestor ingestor(Path inferredDir) throws Exception {
    return new FileIngestor(
        work,
        catalog,
        CsvFormat.RFC4180,
        100,
        10,
        new IdRegistry(tmp.resolve("ids")),
        new IngestMetrics(new SimpleMeterRegistry()),
        () -> false,
        inferredDir);
  }

  private ClaimedFile claim(Path p) throws Exception {
    return work.claim(new InboxFile(p, InboxRules.BY_HEADER, new FileState(0, 0))).orElseThrow();
  }

  private static MockProducer<String, byte[]> producer() {
    return RawProducers.mock("t.");
  }

  private static <T> List<T> of(MockProducer<String, byte[]> p, String topic, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : p.history()) {
      if (r.topic().equals(topic)) {
        out.add(Json.fromBytes(r.value(), type));
      }
    }
    return out;
  }

  private static List<RawRow> raw(MockProducer<String, byte[]> p) {
    List<RawRow> out = new ArrayList<>();
    for (ProducerRecord<String, byte[]> r : p.history()) {
      if (r.topic().equals(Topics.RAW.name("t."))) {
        out.addAll(Topics.RAW.valueSerde().deserializer().deserialize(r.topic(), r.value()).rows());
      }
    }
    return out;
  }

  /** The data rows, each as column name to value through the file's header record. */
  private static List<java.util.Map<String, String>> rows(MockProducer<String, byte[]> p) {
    List<RawRow> all = raw(p);
    List<String> header = all.stream().filter(RawRow::isHeader).findFirst().orElseThrow().columns();
    List<java.util.Map<String, String>> out = new ArrayList<>();
    for (RawRow r : all) {
      if (!r.isHeader()) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < r.values().size(); i++) {
          m.put(header.get(i), r.values().get(i));
        }
        m.put("#line", Long.toString(r.line()));
        out.add(m);
      }
    }
    return out;
  }

  private static List<FileEvent> events(MockProducer<String, byte[]> p) {
    return of(p, Topics.FILES.name("t."), FileEvent.class);
  }
}
